import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A course's page on another origin (and site: 127.0.0.1, the app being on localhost) that embeds the app in an
 * iframe, served for real: a page faked with page.route counts as a public page, from which Chromium blocks frames
 * of the local network.
 */
export async function serveCoursePage(appUrl: string, frame = { width: 1200, height: 700 }) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course: week 5</title></head>
<body><h1>Week 5: dropout</h1><iframe title="Dropout Lab" width="${frame.width}" height="${frame.height}" src="${appUrl.replace(/"/g, '&quot;')}"></iframe></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/course.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
