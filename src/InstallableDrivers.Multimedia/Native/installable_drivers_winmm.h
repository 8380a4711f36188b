/*
 * The entry points the runtime hands the winmm export library (installable_drivers_winmm.c) when it attaches: the managed
 * functions each exported waveOut/waveIn function forwards to, in the order of the C# twin WinMMEntryPoints.cs. A test
 * (WinMMEntryPointsLayoutTests) compiles this header and checks that both agree field by field.
 * The A and W pairs differ only in the strings or capability structure they fill.
 */
#ifndef INSTALLABLE_DRIVERS_WINMM_H
#define INSTALLABLE_DRIVERS_WINMM_H

#include <windows.h>
#include <mmsystem.h>

typedef struct {
    UINT (*out_get_num_devs)(void);
    MMRESULT (*out_get_dev_caps_a)(UINT_PTR device, LPWAVEOUTCAPSA caps, UINT size);
    MMRESULT (*out_get_dev_caps_w)(UINT_PTR device, LPWAVEOUTCAPSW caps, UINT size);
    MMRESULT (*out_open)(LPHWAVEOUT handle, UINT device, LPCWAVEFORMATEX format, DWORD_PTR callback, DWORD_PTR instance, DWORD flags);
    MMRESULT (*out_prepare_header)(HWAVEOUT handle, LPWAVEHDR header, UINT size);
    MMRESULT (*out_write)(HWAVEOUT handle, LPWAVEHDR header, UINT size);
    MMRESULT (*out_unprepare_header)(HWAVEOUT handle, LPWAVEHDR header, UINT size);
    MMRESULT (*out_pause)(HWAVEOUT handle);
    MMRESULT (*out_restart)(HWAVEOUT handle);
    MMRESULT (*out_reset)(HWAVEOUT handle);
    MMRESULT (*out_break_loop)(HWAVEOUT handle);
    MMRESULT (*out_get_position)(HWAVEOUT handle, LPMMTIME time, UINT size);
    MMRESULT (*out_get_volume)(HWAVEOUT handle, LPDWORD volume);
    MMRESULT (*out_set_volume)(HWAVEOUT handle, DWORD volume);
    MMRESULT (*out_get_id)(HWAVEOUT handle, LPUINT device);
    LRESULT (*out_message)(HWAVEOUT handle, UINT message, DWORD_PTR param1, DWORD_PTR param2);
    MMRESULT (*out_get_error_text_a)(MMRESULT error, LPSTR text, UINT length);
    MMRESULT (*out_get_error_text_w)(MMRESULT error, LPWSTR text, UINT length);
    MMRESULT (*out_close)(HWAVEOUT handle);
    UINT (*in_get_num_devs)(void);
    MMRESULT (*in_get_dev_caps_a)(UINT_PTR device, LPWAVEINCAPSA caps, UINT size);
    MMRESULT (*in_get_dev_caps_w)(UINT_PTR device, LPWAVEINCAPSW caps, UINT size);
    MMRESULT (*in_open)(LPHWAVEIN handle, UINT device, LPCWAVEFORMATEX format, DWORD_PTR callback, DWORD_PTR instance, DWORD flags);
    MMRESULT (*in_prepare_header)(HWAVEIN handle, LPWAVEHDR header, UINT size);
    MMRESULT (*in_unprepare_header)(HWAVEIN handle, LPWAVEHDR header, UINT size);
    MMRESULT (*in_add_buffer)(HWAVEIN handle, LPWAVEHDR header, UINT size);
    MMRESULT (*in_start)(HWAVEIN handle);
    MMRESULT (*in_stop)(HWAVEIN handle);
    MMRESULT (*in_reset)(HWAVEIN handle);
    MMRESULT (*in_get_position)(HWAVEIN handle, LPMMTIME time, UINT size);
    MMRESULT (*in_get_id)(HWAVEIN handle, LPUINT device);
    LRESULT (*in_message)(HWAVEIN handle, UINT message, DWORD_PTR param1, DWORD_PTR param2);
    MMRESULT (*in_get_error_text_a)(MMRESULT error, LPSTR text, UINT length);
    MMRESULT (*in_get_error_text_w)(MMRESULT error, LPWSTR text, UINT length);
    MMRESULT (*in_close)(HWAVEIN handle);
} installable_drivers_winmm;

#endif
