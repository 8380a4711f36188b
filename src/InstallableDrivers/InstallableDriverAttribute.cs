using System.Diagnostics.CodeAnalysis;

namespace InstallableDrivers;

/// <summary>
/// Names the driver type of a .NET driver assembly: <c>[assembly: InstallableDriver(typeof(MyDriver))]</c>. The type
/// implements <see cref="IDriverProc"/> (directly or through <see cref="InstallableDriver{TInstance}"/>), is not abstract
/// and has a public parameterless constructor; the runtime creates one object of it per load of the assembly.
/// </summary>
/// <param name="driverType">The driver type.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class InstallableDriverAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type driverType) : Attribute
{
    /// <summary>The driver type.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type DriverType { get; } = driverType;
}
