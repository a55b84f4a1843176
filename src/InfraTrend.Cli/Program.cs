return InfraTrend.Cli.Cli.Run(args);
