/*
 * tonegen.h - the messages of the tone generator sample driver (tonegen.c), for the driver and its callers.
 *
 * A driver's own messages start at DRV_USER; everything below it belongs to the system. A C# host mirrors these
 * as constants (DriverMessages.DRV_USER + 1, ...) and sends them with SendDriverMessage.
 */
#ifndef TONEGEN_H
#define TONEGEN_H

#include "installable_driver.h"

/* lParam1 = the new frequency in Hz (1 up to half the sample rate). Returns the previous frequency, or 0 if the
 * new one is out of range (the frequency is then unchanged). The phase carries on, so the tone does not click. */
#define TONEGEN_SET_FREQUENCY (DRV_USER + 1)

/* lParam1 = an int16_t buffer, lParam2 = how many samples it holds. Fills it with the tone (mono, full scale) and
 * returns the number of samples written. Each call continues where the previous one stopped. */
#define TONEGEN_RENDER (DRV_USER + 2)

/* What an instance opened without args produces. */
#define TONEGEN_DEFAULT_FREQUENCY 440
#define TONEGEN_DEFAULT_RATE 8000

#endif /* TONEGEN_H */
