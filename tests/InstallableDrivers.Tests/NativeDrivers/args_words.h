/*
 * Reading the args text a test driver receives in DRV_OPEN: the test drivers switch behaviour by whole words in it
 * ("refuse-open", "install=cancel"), so one registry value or drv --args sets up each case.
 */
#ifndef ARGS_WORDS_H
#define ARGS_WORDS_H

#include <installable_driver.h>

/* True if the UTF-16 args text contains the ASCII word as a whole space-separated token. */
static int has_word(LPARAM args, const char *word)
{
    const WCHAR *text = (const WCHAR *)args;
    if (text == NULL) {
        return 0;
    }
    for (;;) {
        while (*text == ' ') {
            text++;
        }
        if (*text == 0) {
            return 0;
        }
        const char *w = word;
        while (*w != 0 && *text == (WCHAR)(unsigned char)*w) {
            text++;
            w++;
        }
        if (*w == 0 && (*text == ' ' || *text == 0)) {
            return 1;
        }
        while (*text != ' ' && *text != 0) {
            text++;
        }
    }
}

#endif
