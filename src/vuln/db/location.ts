/** A source location as it may be shown and stored: URL credentials and query removed. */
export function displayLocation(location: string): string {
  if (!/^https?:\/\//i.test(location)) {
    return location;
  }
  try {
    const url = new URL(location);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return location.replace(/\/\/[^@/]*@/, '//');
  }
}
