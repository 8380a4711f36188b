/*
 * A driver for the isolation tests that shows what it sees from inside its host process: concurrency, callbacks from a
 * thread of its own, shared buffers, the copies of standard pointer parameters, and what the host leaves it
 * (environment, descriptors).
 *
 *   DRV_OPEN       -> 100 + the length of the args string (1 without args)
 *   DRV_CONFIGURE  -> lParam2 is a DRVCONFIGINFO: section name length + 1000 * alias length (0 without one)
 *   DRV_USER + 1   -> enters, waits (at most 2 s) until lParam1 calls are inside at once, leaves: the most seen inside
 *   DRV_USER + 2   -> a new thread calls DriverCallback(lParam1, (DWORD)lParam2, hdrvr, 0x3C2, 11, 22, 33); its answer
 *   DRV_USER + 3   -> DriverCallback(lParam1, (DWORD)lParam2, hdrvr, 0x3C3, 1, 2, 3) on the calling thread; its answer
 *   DRV_USER + 4   -> lParam1 points at lParam2 bytes: returns their sum, then writes byte i = (i * 7) & 0xFF
 *   DRV_USER + 5   -> getpid()
 *   DRV_USER + 6   -> how many environment variables the process has
 *   DRV_USER + 7   -> how many file descriptors the process has open
 *   DRV_USER + 8   -> the int lParam1 points at (a pointer the host cannot use faults here, in the host)
 *   DRV_USER + 9   -> sleeps lParam1 milliseconds, then 1
 *   DRV_USER + 10  -> the driver id (what DRV_OPEN answered)
 *   DRV_USER + 11  -> starts a thread that dereferences a null pointer after 50 ms: the host crashes outside any call
 *   DRV_USER + 12  -> starts a thread that closes this instance (CloseDriver(hdrvr, 0, 0)) after 20 ms
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include <installable_driver.h>

extern char **environ;

static atomic_int inside, most_inside;

static void sleep_ms(long ms)
{
    struct timespec pause = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&pause, NULL);
}

static LRESULT meet(LPARAM wanted)
{
    int now = atomic_fetch_add(&inside, 1) + 1;
    int most = atomic_load(&most_inside);
    while (now > most && !atomic_compare_exchange_weak(&most_inside, &most, now)) {
    }
    for (int waited = 0; atomic_load(&most_inside) < wanted && waited < 2000; waited++) {
        sleep_ms(1);
    }
    atomic_fetch_sub(&inside, 1);
    return atomic_load(&most_inside);
}

typedef struct {
    DWORD_PTR callback;
    DWORD flags;
    HDRVR hdrvr;
    BOOL answer;
} callback_request;

static void *call_back_from_own_thread(void *context)
{
    callback_request *request = context;
    request->answer = DriverCallback(request->callback, request->flags, request->hdrvr, 0x3C2, 11, 22, 33);
    return NULL;
}

static LRESULT call_back_from_thread(DWORD_PTR callback, DWORD flags, HDRVR hdrvr)
{
    callback_request request = { callback, flags, hdrvr, FALSE };
    pthread_t thread;
    if (pthread_create(&thread, NULL, call_back_from_own_thread, &request) != 0) {
        return -1;
    }
    pthread_join(thread, NULL);
    return request.answer;
}

static void *crash_later(void *unused)
{
    (void)unused;
    sleep_ms(50);
    volatile int *volatile nowhere = NULL;
    *nowhere = 1;
    return NULL;
}

static void *close_later(void *hdrvr)
{
    sleep_ms(20);
    CloseDriver((HDRVR)hdrvr, 0, 0);
    return NULL;
}

static LRESULT count_descriptors(void)
{
    DIR *directory = opendir("/proc/self/fd");
    if (directory == NULL) {
        return -1;
    }
    LRESULT count = 0;
    while (readdir(directory) != NULL) {
        count++;
    }
    closedir(directory);
    return count - 3; /* ".", ".." and the directory's own descriptor */
}

static LRESULT length_of(LPCWSTR text)
{
    LRESULT length = 0;
    while (text != NULL && text[length] != 0) {
        length++;
    }
    return length;
}

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_OPEN:
        return lParam1 != 0 ? 100 + length_of((LPCWSTR)lParam1) : 1;
    case DRV_CONFIGURE: {
        const DRVCONFIGINFO *info = (const DRVCONFIGINFO *)lParam2;
        return info != NULL ? length_of(info->lpszDCISectionName) + 1000 * length_of(info->lpszDCIAliasName) : 0;
    }
    case DRV_USER + 1:
        return meet(lParam1);
    case DRV_USER + 2:
        return call_back_from_thread((DWORD_PTR)lParam1, (DWORD)lParam2, hdrvr);
    case DRV_USER + 3:
        return DriverCallback((DWORD_PTR)lParam1, (DWORD)lParam2, hdrvr, 0x3C3, 1, 2, 3);
    case DRV_USER + 4: {
        unsigned char *bytes = (unsigned char *)lParam1;
        LRESULT sum = 0;
        for (LPARAM i = 0; i < lParam2; i++) {
            sum += bytes[i];
            bytes[i] = (unsigned char)((i * 7) & 0xFF);
        }
        return sum;
    }
    case DRV_USER + 5:
        return getpid();
    case DRV_USER + 6: {
        LRESULT count = 0;
        while (environ != NULL && environ[count] != NULL) {
            count++;
        }
        return count;
    }
    case DRV_USER + 7:
        return count_descriptors();
    case DRV_USER + 8:
        return *(const int *)lParam1;
    case DRV_USER + 9:
        sleep_ms((long)lParam1);
        return 1;
    case DRV_USER + 10:
        return (LRESULT)dwDriverId;
    case DRV_USER + 11: {
        pthread_t thread;
        return pthread_create(&thread, NULL, crash_later, NULL) == 0;
    }
    case DRV_USER + 12: {
        pthread_t thread;
        return pthread_create(&thread, NULL, close_later, (void *)hdrvr) == 0;
    }
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
