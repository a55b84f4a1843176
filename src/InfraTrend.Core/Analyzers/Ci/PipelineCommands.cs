using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Ci;

/// <summary>The commands a pipeline runs for the detected stack (pnpm install --frozen-lockfile, dotnet test...); null where the stack is unknown.</summary>
internal static class PipelineCommands
{
    /// <summary>The GitHub Actions steps that set the toolchain up, e.g. "pnpm/action-setup and actions/setup-node".</summary>
    public static string? SetupActions(StackProfile stack) =>
        stack.Ecosystem switch
        {
            "node" => stack.PackageManager switch
            {
                "pnpm" => "pnpm/action-setup and actions/setup-node",
                "bun" => "oven-sh/setup-bun",
                _ => "actions/setup-node",
            },
            "dotnet" => "actions/setup-dotnet",
            "python" => "actions/setup-python",
            "go" => "actions/setup-go",
            "ruby" => "ruby/setup-ruby",
            "java" => "actions/setup-java",
            _ => null,
        };

    public static string? Install(StackProfile stack) =>
        stack.Ecosystem switch
        {
            "node" => stack.PackageManager switch
            {
                "pnpm" => "pnpm install --frozen-lockfile",
                "yarn" => "yarn install --frozen-lockfile",
                "bun" => "bun install --frozen-lockfile",
                _ => "npm ci",
            },
            "dotnet" => "dotnet restore",
            "python" => stack.PackageManager switch
            {
                "poetry" => "poetry install",
                "uv" => "uv sync --frozen",
                "pipenv" => "pipenv install --dev --deploy",
                _ => "pip install -r requirements.txt",
            },
            "go" => "go mod download",
            "ruby" => "bundle install",
            "java" => stack.PackageManager == "gradle" ? $"{stack.BuildTool} dependencies" : $"{stack.BuildTool} -B dependency:go-offline",
            _ => null,
        };

    public static string? Build(StackProfile stack) =>
        stack.Ecosystem switch
        {
            "node" => stack.RunScript("build"),
            "dotnet" => "dotnet build --no-restore",
            "python" => "python -m compileall -q .",
            "go" => "go build ./...",
            "java" => stack.PackageManager == "gradle" ? $"{stack.BuildTool} assemble" : $"{stack.BuildTool} -B package -DskipTests",
            _ => null,
        };

    public static string? Test(StackProfile stack) =>
        stack.Ecosystem switch
        {
            "node" => stack.PackageManager == "npm" ? "npm test" : stack.RunScript("test"),
            "dotnet" => "dotnet test",
            "python" => stack.PackageManager switch
            {
                "poetry" => "poetry run pytest",
                "uv" => "uv run pytest",
                "pipenv" => "pipenv run pytest",
                _ => "pytest",
            },
            "go" => "go test ./...",
            "ruby" => stack.TestFramework switch
            {
                "minitest" => stack.Framework == "rails" ? "bin/rails test" : "bundle exec rake test",
                "rake" => "bundle exec rake",
                _ => "bundle exec rspec",
            },
            "java" => stack.PackageManager == "gradle" ? $"{stack.BuildTool} test" : $"{stack.BuildTool} -B test",
            _ => null,
        };

    public static string? Lint(StackProfile stack) =>
        stack.Ecosystem switch
        {
            "node" => Exec(stack, "eslint ."),
            "dotnet" => "dotnet format --verify-no-changes",
            "python" => Exec(stack, "ruff check ."),
            "go" => "go vet ./...",
            "ruby" => "bundle exec rubocop",
            "java" => stack.PackageManager == "gradle" ? $"{stack.BuildTool} check -x test" : $"{stack.BuildTool} -B checkstyle:check",
            _ => null,
        };

    /// <summary>The TypeScript type check, for a repository with TypeScript; null otherwise.</summary>
    public static string? Typecheck(StackProfile stack, FactTable facts) =>
        stack.Ecosystem == "node" && facts.Has(FactKeys.Languages, "typescript") ? Exec(stack, "tsc --noEmit") : null;

    /// <summary>Runs a locally installed package's binary (pnpm exec prisma, npx prisma, uv run alembic, poetry run alembic).</summary>
    public static string Exec(StackProfile stack, string command) =>
        stack.PackageManager switch
        {
            "pnpm" => $"pnpm exec {command}",
            "yarn" => $"yarn {command}",
            "bun" => $"bunx {command}",
            "uv" => $"uv run {command}",
            "poetry" => $"poetry run {command}",
            "pipenv" => $"pipenv run {command}",
            _ when stack.Ecosystem != "node" => command,
            _ => $"npx {command}",
        };

    /// <summary>The commands joined for one pipeline step, skipping what the stack lacks.</summary>
    public static string Steps(params string?[] commands) => string.Join(" && ", commands.Where(c => c is not null));
}
