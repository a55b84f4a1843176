using System.CommandLine;

namespace InfraTrend.Cli.Commands;

/// <summary>
/// `infratrend completion bash|zsh|pwsh`: a tab-completion script for the shell. Each script asks the tool itself what
/// fits the word under the cursor, through System.CommandLine's `[suggest:POSITION]` directive
/// (`infratrend "[suggest:12]" "infratrend au"` prints `audit`), so completion always follows the parser's definition.
/// </summary>
public static class CompletionCommand
{
    private static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    public static readonly Command Definition = Syntax.Command(
        "completion",
        "Print a tab-completion script for bash, zsh or PowerShell (commands, options and their values).",
        [Shell()],
        [],
        Run,
        details: "Without SHELL it says how to load each script. The scripts call 'infratrend \"[suggest:N]\" LINE', which prints what can follow.");

    private static Argument<string> Shell()
    {
        var shell = new Argument<string>("SHELL") { Arity = ArgumentArity.ZeroOrOne, Description = "bash, zsh or pwsh" };
        shell.CompletionSources.Add(Shells);
        shell.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => !Shells.Contains(t.Value, StringComparer.Ordinal)) is { } bad)
                result.AddError($"completion takes {string.Join(", ", Shells)}, not '{bad.Value}'");
        });
        return shell;
    }

    public static int Run(Arguments args, Terminal terminal)
    {
        terminal.Output.Write(args.Positionals.FirstOrDefault() switch
        {
            "bash" => Bash,
            "zsh" => Zsh,
            "pwsh" => Pwsh,
            _ => Setup,
        });
        return ExitCodes.Success;
    }

    private const string Setup =
        """
        Tab completion for infratrend (the tool must be on PATH as 'infratrend'):
          bash        add to ~/.bashrc:   source <(infratrend completion bash)
          zsh         add to ~/.zshrc, after compinit:   source <(infratrend completion zsh)
          PowerShell  add to $PROFILE:    infratrend completion pwsh | Out-String | Invoke-Expression

        """;

    private const string Bash =
        """
        # infratrend tab completion for bash. Load it with: source <(infratrend completion bash)
        # The tool answers for itself: infratrend "[suggest:CURSOR]" "LINE" prints what can follow.
        _infratrend_complete()
        {
            local IFS=$'\n'
            COMPREPLY=( $(infratrend "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _infratrend_complete infratrend

        """;

    private const string Zsh =
        """
        #compdef infratrend
        # infratrend tab completion for zsh. Load it with (after compinit): source <(infratrend completion zsh)
        # The tool answers for itself: infratrend "[suggest:CURSOR]" "LINE" prints what can follow.
        _infratrend() {
            local line="${words[1,CURRENT]}"
            local -a suggestions
            suggestions=("${(@f)$(infratrend "[suggest:${#line}]" "$line" 2>/dev/null)}")
            suggestions=(${suggestions:#})
            if (( ${#suggestions} )); then
                compadd -- "${suggestions[@]}"
            else
                _files
            fi
        }
        compdef _infratrend infratrend

        """;

    private const string Pwsh =
        """
        # infratrend tab completion for PowerShell. Load it with: infratrend completion pwsh | Out-String | Invoke-Expression
        # The tool answers for itself: infratrend "[suggest:CURSOR]" "LINE" prints what can follow.
        Register-ArgumentCompleter -Native -CommandName infratrend -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            if ($line.Length -lt $position) { $line = $line.PadRight($position) }
            infratrend "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
