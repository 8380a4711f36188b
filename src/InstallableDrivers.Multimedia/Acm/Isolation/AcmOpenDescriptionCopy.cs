using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The arena copy of DRV_OPEN's lParam2 for a codec, an ACMDRVOPENDESCW, with its section and alias names; after the
/// open, the driver's dwError goes back to the caller (the only field msacmdrv.h has the driver write).
/// </summary>
internal sealed unsafe class AcmOpenDescriptionCopy
{
    private readonly ACMDRVOPENDESC* caller;
    private readonly ACMDRVOPENDESC* copied;

    private AcmOpenDescriptionCopy(ACMDRVOPENDESC* caller, ACMDRVOPENDESC* copied)
    {
        this.caller = caller;
        this.copied = copied;
    }

    /// <summary>Copies the description lParam2 points at into the arena; false when its cbStruct is not a whole ACMDRVOPENDESCW.</summary>
    public static bool CopyIn(DriverMessageCopy copy)
    {
        var caller = (ACMDRVOPENDESC*)copy.LParam2;
        if (caller->cbStruct < sizeof(ACMDRVOPENDESC) || caller->cbStruct > AcmStructLayout.MaximumBytes)
        {
            return false;
        }

        var copied = (ACMDRVOPENDESC*)copy.Allocate((int)caller->cbStruct);
        ArenaBytes.Copy((nint)caller, (nint)copied, (int)caller->cbStruct);
        copied->pszSectionName = CopyString(copy, caller->pszSectionName);
        copied->pszAliasName = CopyString(copy, caller->pszAliasName);
        copy.State = new AcmCopyState { OpenDescription = new AcmOpenDescriptionCopy(caller, copied) };
        copy.DriverLParam2 = (nint)copied;
        return true;
    }

    /// <summary>Gives the caller the driver's dwError.</summary>
    public void CopyOut() => caller->dwError = copied->dwError;

    private static nint CopyString(DriverMessageCopy copy, nint text)
    {
        if (text == 0)
        {
            return 0;
        }

        var bytes = (MemoryMarshal.CreateReadOnlySpanFromNullTerminated((char*)text).Length + 1) * sizeof(char);
        var block = copy.Allocate(bytes);
        ArenaBytes.Copy(text, block, bytes);
        return block;
    }
}
