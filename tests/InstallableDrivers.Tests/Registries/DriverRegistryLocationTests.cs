using InstallableDrivers.Tests.Support;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

public sealed class DriverRegistryLocationTests
{
    // Fully qualified on every platform, and never touched: the location code only computes paths.
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "location-tests");
    private static readonly string Home = Path.Combine(Root, "home");

    [Fact]
    public void The_environment_variable_names_the_file()
    {
        var configured = Path.Combine(Root, "elsewhere", "drivers.ini");

        Assert.Equal(configured, DefaultFilePath(new() { [DriverRegistryLocation.EnvironmentVariable] = configured, ["XDG_CONFIG_HOME"] = Root }));
    }

    [Theory]
    [InlineData("system.ini")]
    [InlineData("config/system.ini")]
    public void A_relative_path_in_the_environment_variable_is_an_error(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DefaultFilePath(new() { [DriverRegistryLocation.EnvironmentVariable] = configured }));

        Assert.Contains(DriverRegistryLocation.EnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(configured, error.Message, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void An_empty_environment_variable_counts_as_unset()
    {
        Assert.Equal(
            Path.Combine(Home, ".config", "installable-drivers", "system.ini"),
            DefaultFilePath(new() { [DriverRegistryLocation.EnvironmentVariable] = "" }));
    }

    [NotOnWindowsFact]
    public void An_absolute_XDG_CONFIG_HOME_holds_the_file()
    {
        var xdg = Path.Combine(Root, "xdg");

        Assert.Equal(Path.Combine(xdg, "installable-drivers", "system.ini"), DefaultFilePath(new() { ["XDG_CONFIG_HOME"] = xdg }));
    }

    [NotOnWindowsFact]
    public void A_relative_XDG_CONFIG_HOME_is_ignored_as_the_XDG_spec_says()
    {
        Assert.Equal(Path.Combine(Home, ".config", "installable-drivers", "system.ini"), DefaultFilePath(new() { ["XDG_CONFIG_HOME"] = "xdg" }));
    }

    [NotOnWindowsFact]
    public void Without_XDG_CONFIG_HOME_the_file_is_under_the_home_config_folder()
    {
        Assert.Equal(Path.Combine(Home, ".config", "installable-drivers", "system.ini"), DefaultFilePath([]));
    }

    [Fact]
    public void Without_a_home_folder_there_is_no_default()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DriverRegistryLocation.GetDefaultFilePath(_ => null, _ => ""));

        Assert.Contains(DriverRegistryLocation.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_driver_directory_is_beside_the_registry_file()
    {
        Assert.Equal(Path.Combine(Root, "config", "drivers"), DriverRegistryLocation.DefaultDriverDirectory(Path.Combine(Root, "config", "system.ini")));
    }

    [Fact]
    public void The_driver_directory_of_a_relative_registry_path_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DriverRegistryLocation.DefaultDriverDirectory("system.ini"));
    }

    [Fact]
    public void The_default_section_is_Drivers32()
    {
        Assert.Equal("Drivers32", DriverRegistryLocation.DefaultSection);
        Assert.Equal("INSTALLABLE_DRIVERS_REGISTRY", DriverRegistryLocation.EnvironmentVariable);
    }

    private static string DefaultFilePath(Dictionary<string, string> environment) =>
        DriverRegistryLocation.GetDefaultFilePath(
            name => environment.GetValueOrDefault(name),
            folder => folder switch
            {
                Environment.SpecialFolder.UserProfile => Home,
                Environment.SpecialFolder.ApplicationData => Path.Combine(Home, "AppData", "Roaming"),
                _ => throw new ArgumentOutOfRangeException(nameof(folder), folder, null),
            });
}
