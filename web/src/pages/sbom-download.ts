import { downloadFile } from '../api.js';

/** Saves the image's SBOM under the name the server gives; a failure goes to `fail`. */
export function downloadSbom(imageId: string, fail: (error: unknown) => void): void {
  downloadFile(`/api/v1/images/${encodeURIComponent(imageId)}/sbom`, 'sbom.cdx.json').catch(fail);
}
