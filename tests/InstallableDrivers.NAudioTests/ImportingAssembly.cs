using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// A fresh assembly, emitted at run time, whose one method imports <c>waveOutGetNumDevs</c> from a library named as
/// given: an importer with no resolver and nothing bound yet, as every assembly is before its first P/Invoke.
/// </summary>
internal sealed class ImportingAssembly
{
    private readonly MethodInfo getNumDevs;

    public ImportingAssembly(string libraryName)
    {
        var builder = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"Importer{Guid.NewGuid():N}"), AssemblyBuilderAccess.Run);
        var type = builder.DefineDynamicModule("Importer").DefineType("Imports", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var import = type.DefinePInvokeMethod("waveOutGetNumDevs", libraryName, MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.PinvokeImpl,
            CallingConventions.Standard, typeof(uint), Type.EmptyTypes, CallingConvention.Winapi, CharSet.Ansi);
        import.SetImplementationFlags(MethodImplAttributes.PreserveSig); // the result is the function's, not an HRESULT
        getNumDevs = type.CreateType().GetMethod("waveOutGetNumDevs")!;
        Assembly = getNumDevs.DeclaringType!.Assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Calls the import; a failure to bind it surfaces unwrapped.</summary>
    public uint WaveOutGetNumDevs()
    {
        try
        {
            return (uint)getNumDevs.Invoke(null, null)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
