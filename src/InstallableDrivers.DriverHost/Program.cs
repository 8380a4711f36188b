// installable-drivers-dotnet-host <arena fd> <arena address, hex> <arena size> <application pid> <driver file>
return InstallableDrivers.DriverHost.DotNetDriverHost.Run(args);
