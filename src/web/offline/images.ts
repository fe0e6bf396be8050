/**
 * Photos shrunk on the phone before they are uploaded: a 4 MB camera picture becomes about 300–600 KB
 * (longest side 1920 px, JPEG/WebP quality 0.8), which a station's link sends in seconds instead of
 * minutes. PNG photos become JPEG (named .jpg: the server checks the name against the content). Anything
 * else, and anything that would not get smaller, is sent as it is. The library loads with the first photo.
 */
const SHRINKABLE = /^image\/(jpeg|png|webp)$/;
const SMALL_ENOUGH = 300 * 1024;

export async function shrinkImage(file: File): Promise<File> {
  if (!SHRINKABLE.test(file.type) || file.size <= SMALL_ENOUGH) return file;
  try {
    const { default: imageCompression } = await import('browser-image-compression');
    const type = file.type === 'image/png' ? 'image/jpeg' : file.type;
    const out = await imageCompression(file, {
      maxSizeMB: 0.6,
      maxWidthOrHeight: 1920,
      initialQuality: 0.8,
      fileType: type,
      // Its worker would load the library from a CDN: blocked by the CSP, and absent offline.
      useWebWorker: false,
    });
    if (out.size >= file.size) return file;
    const name = type === file.type ? file.name : file.name.replace(/\.png$/i, '.jpg');
    return new File([out], name, { type: out.type || type, lastModified: file.lastModified });
  } catch {
    return file;
  }
}
