/*
 * web.h — the page `dateline serve` sends: web/src bundled by esbuild at
 * build time (mk/web.mk, web/build.mjs) and compiled into the binary as
 * $(BUILD)/web/web_assets.c, so the server needs no file and makes no
 * external request. Text from the store is only ever inserted with
 * textContent.
 */
#ifndef DL_CLI_WEB_H
#define DL_CLI_WEB_H

#include <stddef.h>

/* The file served at `path` ("/" is the page, "/app.js", "/app.css"):
 * its bytes (static, never freed), content type and length, or NULL. */
const char *dl_web_asset(const char *path, const char **type, size_t *len);

#endif
