// Only the driver assembly names the driver type; the benchmark suite compiles EchoDriver.cs without this file.
[assembly: InstallableDrivers.InstallableDriver(typeof(InstallableDrivers.Benchmarks.EchoDriver))]
