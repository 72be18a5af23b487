// Decap starts itself as soon as its bundle runs; ours registers the file
// format first (pelican-format.js), then starts it.
window.CMS_MANUAL_INIT = true;
