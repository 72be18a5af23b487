// decap-server's file-system backend (its own middlewares, the code its
// command runs with MODE=fs: it writes files and leaves committing to the
// coach), answering only the guard in front of it
// (sitetools/backend_guard.py): every request must carry the secret the
// guard was started with. Without it a web page that points its own domain
// at 127.0.0.1 (DNS rebinding) could find this port and write through it.
// Listens on 127.0.0.1:PORT; writes under GIT_REPO_DIRECTORY.
'use strict';
const crypto = require('crypto');
const express = require('express');
const { registerLocalFs } = require('decap-server/dist/middlewares');

const secret = Buffer.from(process.env.EDITOR_GUARD_SECRET || '');
if (secret.length < 32) {
  console.error('edit: the editor backend was started without its secret');
  process.exit(1);
}
delete process.env.EDITOR_GUARD_SECRET;

const app = express();
app.use((req, res, next) => {
  const given = Buffer.from(req.get('x-editor-guard') || '');
  if (given.length === secret.length && crypto.timingSafeEqual(given, secret)) {
    next();
  } else {
    res.status(403).json({ error: 'Forbidden' });
  }
});
// `invoke edit` stops this process when it ends; if it is killed outright
// (kill -9, a closed terminal) it cannot, and the backend would stay behind
// holding its port and writing into the project: leave with the parent.
// The parent is named by `invoke edit` itself: a parent killed before this
// line runs would otherwise leave process.ppid already pointing elsewhere.
const parent = Number(process.env.EDITOR_PARENT_PID) || process.ppid;
delete process.env.EDITOR_PARENT_PID;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();

registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || 'warn' }).then(() => {
  app.listen(Number(process.env.PORT), '127.0.0.1');
});
