namespace InfraTrend.History;

/// <summary>The history database cannot be used: not SQLite, corrupt, from a newer tool, or not writable. The message is one line for the user.</summary>
public sealed class HistoryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What the user asked for cannot be done (no such run or task, an ambiguous prefix, a file that is no export): an input error, not a broken database.</summary>
public sealed class HistoryInputException(string message) : Exception(message);
