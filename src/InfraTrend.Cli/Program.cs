InfraTrend.Facts.FactExtractor.LimitPatternTime();
return InfraTrend.Cli.Cli.Run(args);
