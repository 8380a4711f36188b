/*
 * An ELF constructor that shows whether a library's code ran: the dynamic linker calls it when the library is loaded,
 * before any DriverProc. Tests set CTOR_MARKER to a file path, which it creates, or CTOR_CRASH to make it write through a null pointer, as a
 * broken or hostile library would. With neither set it does nothing, so loading such a library by accident is harmless.
 */
#ifndef CTOR_MARKER_H
#define CTOR_MARKER_H

#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void mark_loaded(void)
{
    const char *marker = getenv("CTOR_MARKER");
    if (marker != NULL && marker[0] != '\0')
    {
        FILE *file = fopen(marker, "w");
        if (file != NULL)
        {
            fputs("constructor ran\n", file);
            fclose(file);
        }
    }

    if (getenv("CTOR_CRASH") != NULL)
    {
        /* A real fault, as a bug would make: the runtime passes a raised signal on differently. */
        volatile int *nowhere = NULL;
        *nowhere = 1;
    }
}

#endif
