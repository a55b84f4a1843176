using InfraTrend.Facts.Ci;

namespace InfraTrend.Tests.Facts;

/// <summary>Pipeline and start commands of Ruby and JVM projects, as the CI and migration facts read them.</summary>
public class RubyAndJvmCommandsTests
{
    [Theory]
    [InlineData("bin/rails test:all")]
    [InlineData("bundle exec rspec --format progress")]
    [InlineData("./mvnw -B verify")]
    [InlineData("./gradlew check --no-daemon")]
    public void Test_commands(string command) => Assert.True(CommandClassifier.Direct(command).Test);

    // Rails' generated pipeline (and once-campfire's) run a list of tasks: the tests are one task among them.
    [Theory]
    [InlineData("bin/rails db:test:prepare test test:system")]
    [InlineData("bin/rails db:setup test")]
    [InlineData("bin/rails db:setup test:system")]
    [InlineData("bundle exec rake db:create db:schema:load spec")]
    public void Test_tasks_in_a_task_list(string command) => Assert.True(CommandClassifier.Direct(command).Test);

    [Theory]
    [InlineData("bin/rails db:test:prepare")]
    [InlineData("bundle exec rake db:migrate")]
    public void A_task_list_without_a_test_task_runs_no_tests(string command) => Assert.False(CommandClassifier.Direct(command).Test);

    [Theory]
    [InlineData("./bin/rails db:prepare")]
    [InlineData("bundle exec rake db:migrate")]
    [InlineData("./mvnw flyway:migrate")]
    [InlineData("./gradlew flywayMigrate -i")]
    [InlineData("mvn liquibase:update")]
    public void Migration_commands(string command) => Assert.True(CommandClassifier.Direct(command).Migrate);

    [Theory]
    [InlineData("bundle exec srb tc")]
    [InlineData("bundle exec steep check")]
    public void Ruby_type_checks(string command) => Assert.True(CommandClassifier.Direct(command).Typecheck);

    [Fact]
    public void A_gradle_task_named_like_flyway_info_does_not_migrate() => Assert.False(CommandClassifier.Direct("./gradlew flywayInfo").Migrate);
}
