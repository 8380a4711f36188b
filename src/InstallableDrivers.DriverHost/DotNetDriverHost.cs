using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Isolation;
using InstallableDrivers.Modules;

namespace InstallableDrivers.DriverHost;

/// <summary>
/// The .NET host's work (docs/isolation.md, "The host protocol"): map the arena, load the driver as the runtime loads a
/// .NET driver in process (<see cref="ManagedDriverModule"/>), serve each call slot on a thread of its own, end with the
/// application. Its wave exports are its driver object's interfaces (<see cref="ManagedExports"/>). What the driver
/// throws on a calling thread is its answer 0, as in process; anything that ends this
/// process (an exception on a thread of its own, a stack overflow, FailFast, Exit) is the crash the application reports.
/// </summary>
/// <remarks>
/// A .NET driver's calls back into its host — Drivers' DriverCallback, OpenDriver, SendDriverMessage, CloseDriver,
/// GetDriverModuleHandle — go to the application, as the native host's forwarders send them (over the slot of the call
/// that made them, or from a thread of the driver's own through the application's pump).
/// </remarks>
internal static unsafe class DotNetDriverHost
{
    private const int ExitUsage = 64, ExitDriver = 66;
    private const uint StateCall = 1, StateDone = 2, OpExit = 2;

    private static HostArenaHeader* arena;
    private static IDriverProc? driver;
    private static int[] threadStarted = [];

    /// <summary>The slot whose call this thread runs, or null on a thread of the driver's own.</summary>
    [ThreadStatic] private static HostSlot* currentSlot;

    public static int Run(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: installable-drivers-dotnet-host <arena fd> <arena address, hex> <arena size> <application pid> <driver file>");
            return ExitUsage;
        }

        ChannelFunctions.NoCoreDumps();
        arena = ChannelFunctions.MapArena(int.Parse(args[0], CultureInfo.InvariantCulture),
            ulong.Parse(args[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), ulong.Parse(args[2], CultureInfo.InvariantCulture));
        threadStarted = new int[arena->SlotCount];

        ManagedDriverModule module;
        try
        {
            module = ManagedDriverModule.Load(args[4]);
        }
        catch (DriverOpenException e)
        {
            ChannelFunctions.Fail(arena, ExitDriver, "the .NET host could not load the driver: " + e.Message);
            return ExitDriver;
        }

        driver = module.Driver;
        Callbacks.DriverCallbackDispatcher.Forward = ForwardCallback;
        Callbacks.DriverHostCalls.Forward = new ChannelHostCalls();
        EnsureThread(0);
        ChannelFunctions.Ready(arena, (ulong)module.ModuleHandle, int.Parse(args[3], CultureInfo.InvariantCulture));
        ChannelFunctions.WaitForApplication();
        return 0;
    }

    private static HostSlot* Slot(int index) => (HostSlot*)((byte*)arena + sizeof(HostArenaHeader)) + index;

    /// <summary>Starts a slot's thread once; a slot's thread starts the next one's on its first call, as the native host does.</summary>
    private static void EnsureThread(int index)
    {
        if (index < threadStarted.Length && Interlocked.Exchange(ref threadStarted[index], 1) == 0)
        {
            new Thread(() => Serve(index)) { IsBackground = true, Name = "driver slot " + index }.Start();
        }
    }

    private static void Serve(int index)
    {
        var slot = Slot(index);
        for (;;)
        {
            uint state;
            while ((state = Volatile.Read(ref slot->State)) != StateCall)
            {
                _ = ChannelFunctions.FutexWait(&slot->State, state, -1); // woken or changed: look again
            }

            EnsureThread(index + 1);
            if (slot->Op == OpExit)
            {
                Environment.Exit(0);
            }

            currentSlot = slot;
            slot->Result = slot->Op switch
            {
                HostChannel.OpDriverProc => Call(slot),
                HostChannel.OpFindExport => ManagedExports.Find(driver!, slot),
                HostChannel.OpCallExport => ManagedExports.Call(driver!, slot),
                _ => 0,
            };
            currentSlot = null;
            ChannelFunctions.SetState(slot, StateDone);
        }
    }

    [UnmanagedCallersOnly]
    private static void EnsureThreadFromChannel(int index) => EnsureThread(index);

    /// <summary>DriverCallback, asked of the application.</summary>
    private static bool ForwardCallback(nuint callback, uint flags, HDRVR device, uint message, nuint user, nuint param1, nuint param2)
    {
        var args = stackalloc long[] { (long)callback, flags, device.Value, message, (long)user, (long)param1, (long)param2 };
        return Ask(HostChannel.OpCallback, args, 7) != 0;
    }

    /// <summary>
    /// Asks the application (idh_host_ask: the request the native host makes) over the slot of the call this thread
    /// runs, or, on a thread of the driver's own, over a free slot its pump serves. OPEN's strings go in the slot's scratch.
    /// </summary>
    internal static long Ask(uint op, long* args, int count, char* text0 = null, char* text1 = null)
        => ChannelFunctions.Ask(arena, currentSlot, &EnsureThreadFromChannel, op, args, count, text0, text1);

    private static long Call(HostSlot* slot)
    {
        try
        {
            return driver!.DriverProc((nuint)slot->Args[0], new HDRVR((nint)slot->Args[1]), (uint)slot->Args[2], (nint)slot->Args[3], (nint)slot->Args[4]);
        }
        catch (Exception e)
        {
            // In process the message returns 0 and the exception is logged; here it goes to standard error, the one
            // output the host shares with the application.
            Console.Error.WriteLine($"installable-drivers-dotnet-host: the driver threw {e.GetType().Name} in message 0x{slot->Args[2]:X4}: {e.Message}; the message returns 0");
            return 0;
        }
    }
}
