using System.Reflection;
using InstallableDrivers.Multimedia;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>WinMM is the static twin of <see cref="WaveServices"/>: every winmm function, with the same shape.</summary>
public sealed class WinMMTests
{
    [Fact]
    public void Every_wave_function_of_the_services_has_a_static_twin_of_the_same_shape_and_nothing_else()
    {
        static string Shape(MethodInfo m) => $"{m.ReturnType} {m.Name}({string.Join(", ", m.GetParameters().Select(p => $"{p.ParameterType} {p.Name}"))})";
        var functions = typeof(WaveServices).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.StartsWith("wave", StringComparison.Ordinal)).Select(Shape).Order().ToArray();
        var twins = typeof(WinMM).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(Shape).Order().ToArray();

        Assert.Equal(35, functions.Length);
        Assert.Equal(functions, twins);
    }
}
