/*
 * Stand-in for the Windows SDK's <mmddk.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found. Everything a DriverProc needs comes from installable_driver.h; this file adds the wave-driver part of
 * mmddk.h: the messages of the wodMessage/widMessage entry points and WAVEOPENDESC, with the Windows values and
 * layout (packed to 1 byte, as mmddk.h packs everything).
 *
 * A wave driver exports, beside DriverProc:
 *   DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2);
 *   DWORD APIENTRY widMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2);
 * On WODM_OPEN/WIDM_OPEN, dwUser points to a DWORD_PTR the driver fills with its own value for the stream; every later
 * message for that stream passes that value back as dwUser. docs/wave-drivers.md describes the contract.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_MMDDK_H
#define INSTALLABLE_DRIVERS_COMPAT_MMDDK_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "../installable_driver.h"
#include "mmsystem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Messages every device entry point receives ------------------------------------------------------------- */
#define DRVM_INIT 100    /* the service loaded the driver; dwParam2 is the devnode */
#define DRVM_EXIT 101    /* the service is about to unload the driver */
#define DRVM_DISABLE 102
#define DRVM_ENABLE 103
#define DRVM_INIT_EX 104

#ifndef DRVM_MAPPER
#define DRVM_MAPPER 0x2000
#endif
#define DRVM_USER 0x4000 /* a driver's own messages are DRVM_USER + n */
#define DRVM_MAPPER_STATUS (DRVM_MAPPER + 0)
#define DRVM_MAPPER_RECONFIGURE (DRVM_MAPPER + 1)
#define DRVM_MAPPER_PREFERRED_GET (DRVM_MAPPER + 21)
#define DRVM_MAPPER_CONSOLEVOICECOM_GET (DRVM_MAPPER + 23)

#define DRV_QUERYDEVNODE (DRV_RESERVED + 2)
#define DRV_QUERYMAPPABLE (DRV_RESERVED + 5)
#define DRV_QUERYMODULE (DRV_RESERVED + 9)
#define DRV_PNPINSTALL (DRV_RESERVED + 11)
#define DRV_QUERYDEVICEINTERFACE (DRV_RESERVED + 12)
#define DRV_QUERYDEVICEINTERFACESIZE (DRV_RESERVED + 13)

/* ---- Waveform device drivers ---------------------------------------------------------------------------------- */
#define MAXWAVEDRIVERS 10

#define WODM_INIT DRVM_INIT
#define WIDM_INIT DRVM_INIT
#define WODM_INIT_EX DRVM_INIT_EX
#define WIDM_INIT_EX DRVM_INIT_EX
#define WODM_USER DRVM_USER
#define WIDM_USER DRVM_USER
#define WODM_MAPPER DRVM_MAPPER
#define WIDM_MAPPER DRVM_MAPPER

#pragma pack(push, 1)

/* dwParam1 of WODM_OPEN and WIDM_OPEN: what the stream is opened with. 44 bytes on 64-bit (packed). */
typedef struct waveopendesc_tag {
    HWAVE hWave;             /* the service's handle: pass it to DriverCallback as hDevice */
    LPWAVEFORMAT lpFormat;   /* the format (really a WAVEFORMATEX unless wFormatTag is WAVE_FORMAT_PCM) */
    DWORD_PTR dwCallback;    /* the callback: a function, an event, ... (the CALLBACK_* type is in dwParam2's high word) */
    DWORD_PTR dwInstance;    /* the application's value, passed back to the callback as dwUser */
    UINT uMappedDeviceID;    /* the device to map to, when WAVE_MAPPED is set */
    DWORD_PTR dnDevNode;     /* devnode of a plug-and-play device */
} WAVEOPENDESC, FAR *LPWAVEOPENDESC;

#pragma pack(pop)

/* Messages to wodMessage. */
#define WODM_GETNUMDEVS 3      /* -> number of devices */
#define WODM_GETDEVCAPS 4      /* dwParam1 = WAVEOUTCAPSW*, dwParam2 = its size */
#define WODM_OPEN 5            /* dwUser = DWORD_PTR* to fill, dwParam1 = WAVEOPENDESC*, dwParam2 = flags */
#define WODM_CLOSE 6
#define WODM_PREPARE 7         /* dwParam1 = WAVEHDR*, dwParam2 = its size */
#define WODM_UNPREPARE 8
#define WODM_WRITE 9           /* dwParam1 = WAVEHDR*, dwParam2 = its size */
#define WODM_PAUSE 10
#define WODM_RESTART 11
#define WODM_RESET 12
#define WODM_GETPOS 13         /* dwParam1 = MMTIME*, dwParam2 = its size */
#define WODM_GETPITCH 14
#define WODM_SETPITCH 15
#define WODM_GETVOLUME 16      /* dwParam1 = DWORD*: low word left, high word right */
#define WODM_SETVOLUME 17      /* dwParam1 = the volume: low word left, high word right, 0xFFFF full */
#define WODM_GETPLAYBACKRATE 18
#define WODM_SETPLAYBACKRATE 19
#define WODM_BREAKLOOP 20
#define WODM_PREFERRED 21
#define WODM_BUSY 21
#define WODM_MAPPER_STATUS (DRVM_MAPPER_STATUS + 0)
#define WAVEOUT_MAPPER_STATUS_DEVICE 0
#define WAVEOUT_MAPPER_STATUS_MAPPED 1
#define WAVEOUT_MAPPER_STATUS_FORMAT 2

/* Messages to widMessage. */
#define WIDM_GETNUMDEVS 50
#define WIDM_GETDEVCAPS 51     /* dwParam1 = WAVEINCAPSW*, dwParam2 = its size */
#define WIDM_OPEN 52
#define WIDM_CLOSE 53
#define WIDM_PREPARE 54
#define WIDM_UNPREPARE 55
#define WIDM_ADDBUFFER 56      /* dwParam1 = WAVEHDR*, dwParam2 = its size */
#define WIDM_START 57
#define WIDM_STOP 58
#define WIDM_RESET 59
#define WIDM_GETPOS 60
#define WIDM_PREFERRED 61
#define WIDM_MAPPER_STATUS (DRVM_MAPPER_STATUS + 0)
#define WAVEIN_MAPPER_STATUS_DEVICE 0
#define WAVEIN_MAPPER_STATUS_MAPPED 1
#define WAVEIN_MAPPER_STATUS_FORMAT 2

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif
