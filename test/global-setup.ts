/** Runs once before all test files. Heavy fixtures (the Debian root filesystem) are built here. */
export async function setup(): Promise<void> {
  // Filled in as fixtures that every file shares appear.
}
