/*
 * banned.h — functions we do not call, as git's banned.h does. Included by
 * every internal source (through dl.h) after the system headers it uses.
 * Dates are parsed by our own cursor code and computed in UTC; strings
 * are copied with explicit lengths.
 */
#ifndef DL_BANNED_H
#define DL_BANNED_H

#define DL_BANNED(func) sorry_##func##_is_banned_in_dateline

#undef strcpy
#define strcpy(x, y) DL_BANNED(strcpy)
#undef strcat
#define strcat(x, y) DL_BANNED(strcat)
#undef sprintf
#define sprintf(...) DL_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) DL_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) DL_BANNED(strtok)
#undef atoi
#define atoi(x) DL_BANNED(atoi)
#undef atol
#define atol(x) DL_BANNED(atol)
#undef sscanf
#define sscanf(...) DL_BANNED(sscanf)
#undef localtime
#define localtime(x) DL_BANNED(localtime)
#undef gmtime
#define gmtime(x) DL_BANNED(gmtime)
#undef mktime
#define mktime(x) DL_BANNED(mktime)

#endif
