return InstallableDrivers.Cli.DrvCommandLine.Run(args);
