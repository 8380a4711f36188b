using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

// The driver functions: adding, removing, listing, describing, opening and prioritising codec drivers.
public sealed unsafe partial class AcmServices
{
    /// <summary>
    /// acmDriverAdd: adds a driver for this process. ACM_DRIVERADDF_FUNCTION: <paramref name="lParam"/> is a DriverProc
    /// (<c>LRESULT (*)(DWORD_PTR, HDRVR, UINT, LPARAM, LPARAM)</c>, the platform's C calling convention).
    /// ACM_DRIVERADDF_NAME: <paramref name="lParam"/> points to the UTF-16 name of a <c>[Drivers32]</c> value. Either kind
    /// is a local driver: searched before every global one, newest first. ACM_DRIVERADDF_GLOBAL is accepted and, as on
    /// 32-bit Windows, changes nothing.
    /// </summary>
    /// <param name="phadid">Receives the new driver id.</param>
    /// <param name="hinstModule">The module holding the DriverProc; kept for the caller's reference only.</param>
    /// <param name="lParam">The DriverProc or the value name, as <paramref name="fdwAdd"/> says.</param>
    /// <param name="dwPriority">Must be 0 (used only by ACM_DRIVERADDF_NOTIFYHWND).</param>
    /// <param name="fdwAdd">ACM_DRIVERADDF_FUNCTION or ACM_DRIVERADDF_NAME, optionally with ACM_DRIVERADDF_LOCAL/GLOBAL.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG for unknown flags; MMSYSERR_INVALPARAM for a null pointer, a nonzero
    /// <paramref name="dwPriority"/>, a name not in the registry, or a driver that does not open or answer
    /// ACMDM_DRIVER_DETAILS; MMSYSERR_NOTSUPPORTED for ACM_DRIVERADDF_NOTIFYHWND (there are no windows).</returns>
    public MMRESULT acmDriverAdd(nint* phadid, nint hinstModule, nint lParam, uint dwPriority, uint fdwAdd)
    {
        _ = hinstModule;
        if ((fdwAdd & ~(AcmDriverFlags.ACM_DRIVERADDF_TYPEMASK | AcmDriverFlags.ACM_DRIVERADDF_GLOBAL)) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        var type = fdwAdd & AcmDriverFlags.ACM_DRIVERADDF_TYPEMASK;
        if (type == AcmDriverFlags.ACM_DRIVERADDF_NOTIFYHWND)
        {
            return (fdwAdd & AcmDriverFlags.ACM_DRIVERADDF_GLOBAL) != 0 ? MMRESULT.MMSYSERR_INVALFLAG : MMRESULT.MMSYSERR_NOTSUPPORTED;
        }

        if (type != AcmDriverFlags.ACM_DRIVERADDF_FUNCTION && type != AcmDriverFlags.ACM_DRIVERADDF_NAME)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (phadid is null || lParam == 0 || dwPriority != 0)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        AcmDriverId driver;
        if (type == AcmDriverFlags.ACM_DRIVERADDF_FUNCTION)
        {
            var function = (delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)lParam;
            driver = new AcmDriverId(new FunctionAcmDriverSource(new UnmanagedDriverProc(function)), $"function:0x{lParam:X}", isLocal: true);
        }
        else
        {
            var alias = new string((char*)lParam);
            if (manager.Registry.GetValue(DriversSection, alias) is null)
            {
                return MMRESULT.MMSYSERR_INVALPARAM;
            }

            driver = new AcmDriverId(new InstalledAcmDriverSource(manager, alias), alias, isLocal: true);
        }

        if (!driver.ReadDetails())
        {
            driver.Dispose();
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        lock (gate)
        {
            driver.Handle = handles.Add(driver);
            Drivers.Insert(0, driver);
        }

        *phadid = driver.Handle;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>acmDriverRemove: removes a driver from the list; its id becomes invalid.</summary>
    /// <param name="hadid">The driver id.</param>
    /// <param name="fdwRemove">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; ACMERR_BUSY while an instance of the driver is open.</returns>
    public MMRESULT acmDriverRemove(nint hadid, uint fdwRemove)
    {
        if (fdwRemove != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        lock (gate)
        {
            if (FindDriver(hadid) is not { } driver)
            {
                return MMRESULT.MMSYSERR_INVALHANDLE;
            }

            if (driver.Instances.Count > 0)
            {
                return (MMRESULT)AcmErrors.ACMERR_BUSY;
            }

            Drivers.Remove(driver);
            handles.Remove(hadid);
            driver.Dispose();
            return MMRESULT.MMSYSERR_NOERROR;
        }
    }

    /// <summary>
    /// acmDriverEnum: calls <paramref name="fnCallback"/> with each enabled driver's id, in search order, until it returns
    /// FALSE. Local drivers are included unless ACM_DRIVERENUMF_NOLOCAL; disabled ones only with ACM_DRIVERENUMF_DISABLED.
    /// </summary>
    /// <param name="fnCallback">ACMDRIVERENUMCB: (hadid, dwInstance, fdwSupport) → BOOL.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">ACM_DRIVERENUMF_NOLOCAL, ACM_DRIVERENUMF_DISABLED.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALPARAM for a null callback.</returns>
    public MMRESULT acmDriverEnum(delegate* unmanaged<nint, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum)
    {
        if ((fdwEnum & ~(AcmDriverFlags.ACM_DRIVERENUMF_NOLOCAL | AcmDriverFlags.ACM_DRIVERENUMF_DISABLED)) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (fnCallback is null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var listed = new List<(nint Handle, uint Support)>();
        lock (gate)
        {
            foreach (var driver in Drivers)
            {
                var skip = (driver.IsLocal && (fdwEnum & AcmDriverFlags.ACM_DRIVERENUMF_NOLOCAL) != 0)
                    || (!driver.IsEnabled && (fdwEnum & AcmDriverFlags.ACM_DRIVERENUMF_DISABLED) == 0);
                if (!skip)
                {
                    listed.Add((driver.Handle, driver.Support));
                }
            }
        }

        // The callback runs outside the lock: it may call the ACM, even add or remove drivers.
        foreach (var (handle, support) in listed)
        {
            if (fnCallback(handle, dwInstance, support) == 0)
            {
                break;
            }
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmDriverDetails: what the driver said about itself (ACMDM_DRIVER_DETAILS when it was added), with the ACM's LOCAL
    /// and DISABLED support bits, cut to <c>padd->cbStruct</c> bytes; cbStruct is set to the bytes written.
    /// </summary>
    /// <param name="hadid">The driver id (disabled drivers too).</param>
    /// <param name="padd">The structure to fill; its cbStruct says how much room it has.</param>
    /// <param name="fdwDetails">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null pointer or a cbStruct under 4.</returns>
    public MMRESULT acmDriverDetails(nint hadid, ACMDRIVERDETAILS* padd, uint fdwDetails)
    {
        if (fdwDetails != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (padd is null || padd->cbStruct < sizeof(uint))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        lock (gate)
        {
            if (FindDriver(hadid) is not { } driver)
            {
                return MMRESULT.MMSYSERR_INVALHANDLE;
            }

            var details = driver.Details;
            details.fdwSupport = driver.Support;
            details.cbStruct = Math.Min(padd->cbStruct, (uint)sizeof(ACMDRIVERDETAILS));
            new ReadOnlySpan<byte>(&details, (int)details.cbStruct).CopyTo(new Span<byte>(padd, (int)details.cbStruct));
            return MMRESULT.MMSYSERR_NOERROR;
        }
    }

    /// <summary>acmDriverID: the driver id of an open driver or a stream.</summary>
    /// <param name="hao">An open driver (HACMDRIVER) or stream (HACMSTREAM).</param>
    /// <param name="phadid">Receives the driver id.</param>
    /// <param name="fdwDriverID">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null pointer.</returns>
    public MMRESULT acmDriverID(nint hao, nint* phadid, uint fdwDriverID)
    {
        if (fdwDriverID != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        lock (gate)
        {
            _ = Drivers;
            var driver = handles.Get<AcmDriverInstance>(hao)?.DriverId ?? handles.Get<AcmStream>(hao)?.Driver.DriverId;
            if (driver is null)
            {
                return MMRESULT.MMSYSERR_INVALHANDLE; // before a bad pointer, as msacm32 checks
            }

            if (phadid is null)
            {
                return MMRESULT.MMSYSERR_INVALPARAM;
            }

            *phadid = driver.Handle;
            return MMRESULT.MMSYSERR_NOERROR;
        }
    }

    /// <summary>acmDriverOpen: opens an instance of a driver (DRV_OPEN with an ACMDRVOPENDESCW, fccType 'audc').</summary>
    /// <param name="phad">Receives the open driver's handle.</param>
    /// <param name="hadid">The driver id.</param>
    /// <param name="fdwOpen">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null pointer;
    /// MMSYSERR_NOTENABLED for a disabled driver; the driver's ACMDRVOPENDESCW.dwError (MMSYSERR_ERROR if it set none)
    /// when the driver refuses the open.</returns>
    public MMRESULT acmDriverOpen(nint* phad, nint hadid, uint fdwOpen)
    {
        if (fdwOpen != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (phad is null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        AcmDriverId? driver;
        lock (gate)
        {
            driver = FindDriver(hadid);
        }

        if (driver is null)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (!driver.IsEnabled)
        {
            return MMRESULT.MMSYSERR_NOTENABLED;
        }

        var result = OpenInstance(driver, out var instance);
        if (instance is not null)
        {
            lock (gate)
            {
                instance.Handle = handles.Add(instance);
            }

            *phad = instance.Handle;
        }

        return result;
    }

    /// <summary>Opens an instance of <paramref name="driver"/> and records it among the driver's instances.</summary>
    private MMRESULT OpenInstance(AcmDriverId driver, out AcmDriverInstance? instance)
    {
        var connection = driver.Open(out var error);
        if (connection is null)
        {
            instance = null;
            return error;
        }

        instance = new AcmDriverInstance(driver, connection);
        lock (gate)
        {
            driver.Instances.Add(instance);
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>Closes an instance (DRV_CLOSE) and forgets it.</summary>
    private void CloseInstance(AcmDriverInstance instance)
    {
        lock (gate)
        {
            instance.DriverId.Instances.Remove(instance);
            if (instance.Handle != 0)
            {
                handles.Remove(instance.Handle);
            }
        }

        instance.Connection.Close();
    }

    /// <summary>acmDriverClose: closes an open driver.</summary>
    /// <param name="had">The open driver.</param>
    /// <param name="fdwClose">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; ACMERR_BUSY while a stream is open on it.</returns>
    public MMRESULT acmDriverClose(nint had, uint fdwClose)
    {
        if (fdwClose != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        AcmDriverInstance? instance;
        lock (gate)
        {
            instance = handles.Get<AcmDriverInstance>(had);
            if (instance is null)
            {
                return MMRESULT.MMSYSERR_INVALHANDLE;
            }

            if (instance.OpenStreams > 0)
            {
                return (MMRESULT)AcmErrors.ACMERR_BUSY;
            }
        }

        CloseInstance(instance);
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmDriverMessage: sends a driver-specific message to an open driver. Only the messages msacm32 lets through are
    /// sent: ACMDM_USER and up to below the ACM's reserved range, ACMDM_DRIVER_ABOUT, DRV_QUERYCONFIGURE and DRV_CONFIGURE.
    /// </summary>
    /// <param name="had">The open driver.</param>
    /// <param name="uMsg">The message.</param>
    /// <param name="lParam1">The first parameter.</param>
    /// <param name="lParam2">The second parameter.</param>
    /// <returns>The driver's answer; MMSYSERR_INVALHANDLE for a bad handle; MMSYSERR_INVALPARAM for a message the ACM
    /// keeps for itself.</returns>
    public nint acmDriverMessage(nint had, uint uMsg, nint lParam1, nint lParam2)
    {
        var allowed = (uMsg >= AcmMessages.ACMDM_USER && uMsg < AcmMessages.ACMDM_RESERVED_LOW)
            || uMsg == AcmMessages.ACMDM_DRIVER_ABOUT || uMsg == DriverMessages.DRV_QUERYCONFIGURE || uMsg == DriverMessages.DRV_CONFIGURE;
        AcmDriverInstance? instance;
        lock (gate)
        {
            instance = handles.Get<AcmDriverInstance>(had);
        }

        if (instance is null)
        {
            return (nint)MMRESULT.MMSYSERR_INVALHANDLE;
        }

        return allowed ? instance.Send(uMsg, lParam1, lParam2) : (nint)MMRESULT.MMSYSERR_INVALPARAM;
    }

    /// <summary>
    /// acmDriverPriority: moves a global driver in the search order and enables or disables any driver. Priority 1 is
    /// searched first, (DWORD)-1 means last, 0 keeps the place. ACM_DRIVERPRIORITYF_BEGIN and END bracket a series of
    /// changes (they defer change notifications, of which this ACM sends none); they take a null driver id, a zero
    /// priority and no other flag, and while one thread is between BEGIN and END another thread's BEGIN or END is
    /// MMSYSERR_ALLOCATED.
    /// </summary>
    /// <param name="hadid">The driver id; 0 with BEGIN or END.</param>
    /// <param name="dwPriority">The new priority, 0 or (DWORD)-1.</param>
    /// <param name="fdwPriority">ACM_DRIVERPRIORITYF_ENABLE or DISABLE; or BEGIN; or END.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG for unknown or conflicting flags; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM
    /// for a priority past the number of global drivers, or BEGIN/END with a driver or priority; MMSYSERR_NOTSUPPORTED for
    /// a nonzero priority of a local driver, which has none; MMSYSERR_ALLOCATED when another thread holds the deferral.</returns>
    public MMRESULT acmDriverPriority(nint hadid, uint dwPriority, uint fdwPriority)
    {
        const uint known = AcmDriverFlags.ACM_DRIVERPRIORITYF_ABLEMASK | AcmDriverFlags.ACM_DRIVERPRIORITYF_DEFERMASK;
        var able = fdwPriority & AcmDriverFlags.ACM_DRIVERPRIORITYF_ABLEMASK;
        var defer = fdwPriority & AcmDriverFlags.ACM_DRIVERPRIORITYF_DEFERMASK;
        if ((fdwPriority & ~known) != 0 || able == AcmDriverFlags.ACM_DRIVERPRIORITYF_ABLEMASK
            || defer == AcmDriverFlags.ACM_DRIVERPRIORITYF_DEFERMASK || (defer != 0 && able != 0))
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (defer != 0)
        {
            return hadid == 0 && dwPriority == 0 ? Defer(defer == AcmDriverFlags.ACM_DRIVERPRIORITYF_BEGIN) : MMRESULT.MMSYSERR_INVALPARAM;
        }

        lock (gate)
        {
            if (FindDriver(hadid) is not { } driver)
            {
                return MMRESULT.MMSYSERR_INVALHANDLE;
            }

            if (driver.IsLocal && dwPriority != 0)
            {
                return MMRESULT.MMSYSERR_NOTSUPPORTED;
            }

            var globals = Drivers.Where(d => !d.IsLocal).ToList();
            if (dwPriority != 0 && dwPriority != uint.MaxValue && dwPriority > globals.Count)
            {
                return MMRESULT.MMSYSERR_INVALPARAM;
            }

            if (dwPriority != 0)
            {
                globals.Remove(driver);
                globals.Insert(dwPriority == uint.MaxValue ? globals.Count : (int)dwPriority - 1, driver);
                Drivers.RemoveAll(d => !d.IsLocal);
                Drivers.AddRange(globals);
            }

            if (able != 0)
            {
                driver.IsEnabled = able == AcmDriverFlags.ACM_DRIVERPRIORITYF_ENABLE;
            }

            return MMRESULT.MMSYSERR_NOERROR;
        }
    }

    /// <summary>ACM_DRIVERPRIORITYF_BEGIN (nested) and END: the calling thread takes or releases the deferral.</summary>
    private MMRESULT Defer(bool begin)
    {
        var thread = Environment.CurrentManagedThreadId;
        lock (gate)
        {
            if (deferrals > 0 && deferringThread != thread)
            {
                return MMRESULT.MMSYSERR_ALLOCATED;
            }

            if (begin)
            {
                deferringThread = thread;
                deferrals++;
            }
            else if (deferrals > 0)
            {
                deferrals--;
            }

            return MMRESULT.MMSYSERR_NOERROR;
        }
    }
}
