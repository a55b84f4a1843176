using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Monitoring;

/// <summary>How to get structured (JSON) log output on the detected stack, from nothing or from the logging library already in use.</summary>
internal static class StructuredLoggers
{
    /// <summary>Set up a structured logger from scratch.</summary>
    public static string? Setup(AnalyzerContext context) =>
        context.Stack.Ecosystem switch
        {
            "node" => $"{context.Stack.AddPackage(node: "pino")}, then const logger = pino() (import pino from 'pino') and logger.info({{ orderId }}, 'order placed') in place of console.log",
            // A console program has no web host to hang Serilog.AspNetCore on.
            "dotnet" when context.IsPart(PartKinds.App) => $"{context.Stack.AddPackage(dotnet: "Serilog.Sinks.Console")} and {context.Stack.AddPackage(dotnet: "Serilog.Formatting.Compact")}, then Log.Logger = new LoggerConfiguration().WriteTo.Console(new Serilog.Formatting.Compact.CompactJsonFormatter()).CreateLogger(); at the start of Main",
            "dotnet" => $"{context.Stack.AddPackage(dotnet: "Serilog.AspNetCore")}, then builder.Host.UseSerilog((ctx, log) => log.ReadFrom.Configuration(ctx.Configuration).WriteTo.Console(new Serilog.Formatting.Compact.CompactJsonFormatter()));",
            "python" => $"{context.Stack.AddPackage(python: "structlog")}, then structlog.configure(processors=[structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt=\"iso\"), structlog.processors.JSONRenderer()])",
            "go" => "Use the standard library's log/slog: slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil))), or go.uber.org/zap",
            "ruby" => $"{context.Stack.AddPackage(ruby: "lograge")}, then config.lograge.enabled = true and config.lograge.formatter = Lograge::Formatters::Json.new",
            "java" => $"{context.Stack.AddPackage(java: "net.logstash.logback:logstash-logback-encoder")}, then use LogstashEncoder for the console appender in logback-spring.xml",
            _ => null,
        };

    /// <summary>Turn structured output on for a library that is already used; null when the library has no simple switch.</summary>
    public static string? SwitchOn(string library) =>
        library switch
        {
            "winston" => "Create the logger with format: winston.format.combine(winston.format.timestamp(), winston.format.json())",
            "bunyan" => "Write bunyan's JSON records to stdout instead of piping them through a pretty-printer in production",
            "serilog" => "Write to the console with new Serilog.Formatting.Compact.CompactJsonFormatter() (package Serilog.Formatting.Compact)",
            "microsoft-extensions-logging" => "Add builder.Logging.AddJsonConsole(); to Program.cs (or set Logging:Console:FormatterName to json)",
            "nlog" => "Use a JsonLayout for the console target in nlog.config",
            "python-logging" => "Format the log records as JSON (python-json-logger's JsonFormatter on the root handler), or move to structlog",
            "loguru" => "Add the sink with serialize=True: logger.add(sys.stdout, serialize=True)",
            "logrus" => "Set logrus.SetFormatter(&logrus.JSONFormatter{})",
            "zap" => "Build the logger with zap.NewProduction() (JSON), not zap.NewDevelopment()",
            "semantic-logger" => "Set config.rails_semantic_logger.format = :json",
            "logback" => "Use net.logstash.logback.encoder.LogstashEncoder for the console appender",
            "log4j" => "Use JsonTemplateLayout (org.apache.logging.log4j:log4j-layout-template-json) for the console appender",
            _ => null,
        };
}
