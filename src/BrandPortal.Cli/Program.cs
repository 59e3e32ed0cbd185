using BrandPortal.Cli;

return await CliApp.RunAsync(args);
