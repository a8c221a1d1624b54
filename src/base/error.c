/*
 * error.c — filling dl_error and naming error codes. The library reports,
 * the CLI decides what to print.
 */
#include "dl.h"

const char *dl_strerror(dl_code code)
{
    switch (code) {
    case DL_OK: return "ok";
    case DL_ENOMEM: return "out of memory";
    case DL_EIO: return "input/output error";
    case DL_EUTF8: return "invalid UTF-8";
    case DL_ENUL: return "NUL byte in text";
    case DL_EEMPTY: return "empty input";
    case DL_EDOC_TOO_BIG: return "document too large";
    case DL_ELINE_TOO_LONG: return "line too long";
    case DL_EJSON: return "invalid JSON";
    case DL_ENOTEXT: return "no text";
    case DL_ENODATE: return "no document date";
    case DL_EDATE: return "invalid date";
    case DL_EDB: return "store error";
    case DL_EDICT: return "dictionary error";
    case DL_EUSAGE: return "usage error";
    case DL_ENOTFOUND: return "not found";
    case DL_ELIMIT: return "limit exceeded";
    case DL_EFORMAT: return "unexpected format";
    }
    return "unknown error";
}

void dl__error_clear(dl_error *err)
{
    if (err == NULL)
        return;
    err->code = DL_OK;
    err->msg[0] = '\0';
    err->file[0] = '\0';
    err->line = 0;
    err->offset = -1;
}

DL_PRINTF(3, 0)
static void set(dl_error *err, dl_code code, const char *fmt, va_list ap)
{
    err->code = code;
    if (fmt != NULL)
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    else
        snprintf(err->msg, sizeof err->msg, "%s", dl_strerror(code));
}

dl_code dl__fail(dl_error *err, dl_code code, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    va_list ap;
    va_start(ap, fmt);
    set(err, code, fmt, ap);
    va_end(ap);
    return code;
}

dl_code dl__fail_at(dl_error *err, dl_code code, const char *file, long line,
                    const char *fmt, ...)
{
    if (err == NULL)
        return code;
    va_list ap;
    va_start(ap, fmt);
    set(err, code, fmt, ap);
    va_end(ap);
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    return code;
}
