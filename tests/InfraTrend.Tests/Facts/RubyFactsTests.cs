using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.StackFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>Ruby facts, on fixture repositories shaped after real applications (maybe-finance/maybe, lobsters, rubygems.org, trunk.cocoapods.org).</summary>
public class RubyFactsTests
{
    private const string Gemfile = """
        source "https://rubygems.org"

        ruby "3.3.5"

        gem "rails", "~> 7.2.2"
        gem "pg", "~> 1.5"
        gem "puma", ">= 5.0"
        gem "redis", "~> 5.4"
        gem "sidekiq"
        gem "sentry-ruby"
        gem "sentry-rails"
        gem "lograge" # JSON request logs
        gem "rack-attack", "~> 6.6"
        gem "rack-cors"
        gem "devise"
        gem "aws-sdk-s3", require: false
        gem "rollbar"
        # gem "newrelic_rpm"

        group :development, :test do
          gem "debug", platforms: %i[mri windows]
          gem "rspec-rails"
        end

        group :test do
          gem "honeybadger"
        end
        """;

    private const string GemfileLock = """
        GEM
          remote: https://rubygems.org/
          specs:
            rails (7.2.2)
            sidekiq (7.3.0)
            good_job (4.1.0)

        PLATFORMS
          x86_64-linux

        DEPENDENCIES
          rails (~> 7.2.2)

        RUBY VERSION
           ruby 3.3.5p100

        BUNDLED WITH
           2.5.22
        """;

    private const string Production = """
        require "active_support/core_ext/integer/time"

        Rails.application.configure do
          config.force_ssl = true
          config.lograge.enabled = true
          config.lograge.formatter = Lograge::Formatters::Json.new
          config.active_storage.service = :amazon
          config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }
          config.active_job.queue_adapter = :sidekiq
        end
        """;

    private const string SentryInitializer = """
        Sentry.init do |config|
          config.dsn = ENV["SENTRY_DSN"]
          config.traces_sample_rate = 0.25
        end
        """;

    private const string RackAttack = """
        class Rack::Attack
          # Throttle requests to the OAuth token endpoint
          throttle("oauth/token", limit: 10, period: 1.minute) do |request|
            request.ip if request.path == "/oauth/token"
          end
        end
        """;

    private const string Cors = """
        Rails.application.config.middleware.insert_before 0, Rack::Cors do
          allow do
            origins "https://app.example.com"
            resource "*", headers: :any, methods: [:get, :post]
          end
        end
        """;

    private const string Routes = """
        require "sidekiq/web"

        Rails.application.routes.draw do
          devise_for :users
          mount Sidekiq::Web => "/sidekiq"
          resources :orders

          # Reveal health status on /up that returns 200 if the app boots with no exceptions, otherwise 500.
          get "up" => "rails/health#show", as: :rails_health_check
        end
        """;

    private const string Storage = """
        local:
          service: Disk
          root: <%= Rails.root.join("storage") %>

        amazon:
          service: S3
          access_key_id: <%= ENV["S3_ACCESS_KEY_ID"] %>
          bucket: <%= ENV["S3_BUCKET"] %>
        """;

    private const string Job = """
        class ReportJob
          include Sidekiq::Job

          def perform(id)
            puts "building report #{id}"
            report = <<~TEXT
              puts "not a call: a here-doc"
            TEXT
            p report
          end
        end
        """;

    private const string Controller = """
        class ApplicationController < ActionController::Base
          before_action :authenticate_user!

          # puts "a comment"
          def page
            p = params[:page].to_i
            p = 1 if p == 0
            p
          end
        end
        """;

    private const string Entrypoint = """
        #!/bin/bash -e

        # If running the rails server then create or migrate existing database
        if [ "${1}" == "./bin/rails" ] && [ "${2}" == "server" ]; then
          ./bin/rails db:prepare
        fi

        exec "${@}"
        """;

    private static TestRepository RailsApp()
    {
        var repo = TestRepository.Create();
        repo.Write("Gemfile", Gemfile)
            .Write("Gemfile.lock", GemfileLock)
            .Write(".ruby-version", "3.3.5\n")
            .Write("config/application.rb", "require_relative \"boot\"\nrequire \"rails/all\"\n\nmodule Storefront\n  class Application < Rails::Application\n    config.load_defaults 7.2\n  end\nend\n")
            .Write("config/environments/production.rb", Production)
            .Write("config/environments/development.rb", "Rails.application.configure do\n  config.force_ssl = false\nend\n")
            .Write("config/initializers/sentry.rb", SentryInitializer)
            .Write("config/initializers/rack_attack.rb", RackAttack)
            .Write("config/initializers/cors.rb", Cors)
            .Write("config/routes.rb", Routes)
            .Write("config/storage.yml", Storage)
            .Write("app/jobs/report_job.rb", Job)
            .Write("app/controllers/application_controller.rb", Controller)
            .Write("app/models/user.rb", "class User < ApplicationRecord\n  devise :database_authenticatable, :recoverable\nend\n")
            .Write("db/migrate/20240101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.2]\nend\n")
            .Write("db/migrate/20240102000000_create_orders.rb", "class CreateOrders < ActiveRecord::Migration[7.2]\nend\n")
            .Write("db/schema.rb", "ActiveRecord::Schema[7.2].define(version: 2024_01_02_000000) do\nend\n")
            .Write("db/seeds.rb", "# This file should ensure the existence of records.\n\nUser.find_or_create_by!(email: \"admin@example.com\")\nputs \"seeded\"\n")
            .Write("bin/docker-entrypoint", Entrypoint)
            .Write("spec/rails_helper.rb", "require \"spec_helper\"\n")
            .Write("spec/models/user_spec.rb", "require \"rails_helper\"\n\nRSpec.describe User do\nend\n")
            .Write("spec/requests/health_spec.rb", "require \"rails_helper\"\n\nRSpec.describe \"health\" do\nend\n");
        return repo;
    }

    private static Evidence At(string path, string text, string needle)
    {
        var line = TextLines.Find(text, needle);
        Assert.True(line > 0, $"'{needle}' is not in {path}");
        return new Evidence(path, line);
    }

    [Fact]
    public void Rails_app_is_one_service_with_its_stack_bundler_version_and_ruby_pin()
    {
        using var repo = RailsApp();

        var facts = ReadFacts(repo);

        Assert.Equal(".", Assert.Single(facts.Parts).Path);
        Assert.Equal("Storefront", facts.Parts[0].Name);
        Assert.Equal("service", facts.Parts[0].Kind);
        var app = PartAt(facts, ".");
        Assert.Equal(["ruby"], app.List(FactKeys.Languages));
        Assert.Equal(["rails"], app.List(FactKeys.Frameworks));
        Assert.Equal([At("Gemfile", Gemfile, "gem \"rails\"")], app.EvidenceOf(FactKeys.Frameworks, "rails"));
        Assert.Equal("2.5.22", facts.Repository.Map(FactKeys.PackageManagers)["bundler"]);
        Assert.Equal([At("Gemfile.lock", GemfileLock, "2.5.22")], facts.Repository.EvidenceOf(FactKeys.PackageManagers, "bundler"));
        Assert.Equal(["Gemfile.lock"], facts.Repository.List(FactKeys.Lockfiles));
        Assert.Equal("3.3.5", facts.Repository.Map(FactKeys.Runtimes)["ruby"]);
        var pins = facts.Repository.Objects(FactKeys.RuntimeSources).Select(o => (o["path"]!.GetValue<string>(), o["line"]!.GetValue<int>(), o["kind"]!.GetValue<string>())).ToList();
        Assert.Contains(("Gemfile", 3, "manifest"), pins);
        Assert.Contains((".ruby-version", 1, "version-file"), pins);
    }

    [Fact]
    public void Rails_app_tells_its_monitoring_security_database_and_scaling_facts_with_their_lines()
    {
        using var repo = RailsApp();

        var facts = ReadFacts(repo);
        var app = PartAt(facts, ".");

        Assert.Equal(["sentry"], app.List(FactKeys.ErrorTracking));
        Assert.Equal([At("config/initializers/sentry.rb", SentryInitializer, "Sentry.init")], app.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        // rollbar is declared but never configured: not listed, and its wiring says so.
        Assert.Equal("dependency,init,dsn", app.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([At("config/initializers/sentry.rb", SentryInitializer, "config.dsn")], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        Assert.Equal("dependency", app.Map(FactKeys.ErrorTrackingWiring)["rollbar"]);
        Assert.Equal([At("Gemfile", Gemfile, "gem \"rollbar\"")], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "rollbar"));

        Assert.Equal(["lograge"], app.List(FactKeys.StructuredLogging));
        Assert.Equal([At("config/environments/production.rb", Production, "lograge.enabled")], app.EvidenceOf(FactKeys.StructuredLogging, "lograge"));
        Assert.True(app.Bool(FactKeys.StructuredOutput));
        Assert.Equal([At("config/environments/production.rb", Production, "Lograge::Formatters::Json")], app.EvidenceOf(FactKeys.StructuredOutput));

        Assert.True(app.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(["/up"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([At("config/routes.rb", Routes, "rails/health#show")], app.EvidenceOf(FactKeys.HealthRoutes, "/up"));

        // puts and p with an argument in the job; the here-doc, the comment and the local variable `p` are not calls.
        Assert.Equal(2, app.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([At("app/jobs/report_job.rb", Job, "puts \"building")], app.EvidenceOf(FactKeys.ConsoleLogCalls));

        Assert.Equal(["rails-force-ssl"], app.List(FactKeys.SecurityHeaders));
        Assert.Equal([At("config/environments/production.rb", Production, "force_ssl")], app.EvidenceOf(FactKeys.SecurityHeaders, "rails-force-ssl"));
        Assert.True(app.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([At("config/environments/production.rb", Production, "force_ssl")], app.EvidenceOf(FactKeys.HttpsEnforced));
        Assert.True(app.Bool(FactKeys.RateLimiting));
        Assert.Equal([At("config/initializers/rack_attack.rb", RackAttack, "throttle(")], app.EvidenceOf(FactKeys.RateLimiting));
        Assert.True(app.Bool(FactKeys.CorsConfigured));
        Assert.False(app.Bool(FactKeys.CorsPermissive));
        Assert.Equal([At("config/initializers/cors.rb", Cors, "origins")], app.EvidenceOf(FactKeys.CorsConfigured));
        Assert.Equal(["devise"], app.List(FactKeys.Auth));
        Assert.Equal([new Evidence("app/models/user.rb", 2)], app.EvidenceOf(FactKeys.Auth, "devise"));

        Assert.Equal(["rails"], app.List(FactKeys.MigrationTools));
        Assert.Equal(2, app.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("db/migrate/20240101000000_create_users.rb", 0), new Evidence("db/migrate/20240102000000_create_orders.rb", 0)], app.EvidenceOf(FactKeys.MigrationCount));
        Assert.True(app.Bool(FactKeys.SeedScript));
        Assert.Equal([new Evidence("db/seeds.rb", 3)], app.EvidenceOf(FactKeys.SeedScript));
        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([At("bin/docker-entrypoint", Entrypoint, "db:prepare")], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt));
        Assert.Equal(["postgres"], app.List(FactKeys.DatabaseEngines));
        Assert.Equal([At("Gemfile", Gemfile, "gem \"pg\"")], app.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));

        Assert.Equal(["redis"], app.List(FactKeys.Cache));
        Assert.Equal([At("config/environments/production.rb", Production, "redis_cache_store")], app.EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Equal(["sidekiq"], app.List(FactKeys.BackgroundJobs));
        Assert.Equal([At("app/jobs/report_job.rb", Job, "Sidekiq::Job")], app.EvidenceOf(FactKeys.BackgroundJobs, "sidekiq"));
        Assert.Equal(["s3"], app.List(FactKeys.ObjectStorage));
        Assert.Equal([At("config/storage.yml", Storage, "service: S3")], app.EvidenceOf(FactKeys.ObjectStorage, "s3"));
    }

    [Fact]
    public void Rspec_spec_files_are_counted_for_the_part_and_helpers_are_not()
    {
        using var repo = RailsApp();

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Equal(2, app.Number(FactKeys.TestFiles));
        Assert.Equal([new Evidence("spec/models/user_spec.rb", 0), new Evidence("spec/requests/health_spec.rb", 0)], app.EvidenceOf(FactKeys.TestFiles));
        Assert.Equal(["rspec"], app.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("spec/models/user_spec.rb", 0), new Evidence("spec/requests/health_spec.rb", 0)], app.EvidenceOf(FactKeys.TestFrameworks, "rspec"));
    }

    [Fact]
    public void Rails_minitest_files_are_minitest()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\"\n")
            .Write("config/application.rb", "module Blog\n  class Application < Rails::Application\n  end\nend\n")
            .Write("test/test_helper.rb", "require \"rails/test_help\"\n")
            .Write("test/models/post_test.rb", "require \"test_helper\"\n\nclass PostTest < ActiveSupport::TestCase\nend\n")
            .Write("test/system/posts_test.rb", "require \"application_system_test_case\"\n\nclass PostsTest < ApplicationSystemTestCase\nend\n");

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Equal(2, app.Number(FactKeys.TestFiles));
        Assert.Equal(["minitest"], app.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("test/models/post_test.rb", 0), new Evidence("test/system/posts_test.rb", 0)], app.EvidenceOf(FactKeys.TestFrameworks, "minitest"));
    }

    private const string SinatraGemfile = """
        source 'https://rubygems.org'
        ruby File.read(File.join(File.dirname(__FILE__), '.ruby-version')).chomp

        gem 'newrelic_rpm'
        gem 'pg', '~> 1.5'
        gem 'rack-attack', '~> 6.7.0'
        gem 'rack-ssl'
        gem 'sequel', '~> 5.86'
        gem 'sinatra', '~> 4.1'

        group :development, :production do
          gem 'puma'
        end

        group :test do
          gem 'bacon'
          gem 'rack-test'
        end
        """;

    private const string Rackup = """
        require 'bundler/setup'
        require 'newrelic_rpm'
        require_relative 'app'

        if ENV['RACK_ENV'] != 'development'
          require 'rack/attack'
          require_relative 'config/rack_attack'

          use Rack::Attack
          use Rack::SSL
        end

        #use Rack::Throttle::Hourly,   max: 100 # requests

        run TrunkApp
        """;

    private const string SinatraApp = """
        require 'sinatra/base'

        class TrunkApp < Sinatra::Base
          get '/health' do
            'ok'
          end

          get '/pods/:name' do
            puts "looking up #{params[:name]}"
            Faraday.get('/status')
          end
        end
        """;

    private const string SinatraRackAttack = """
        class Rack::Attack
          throttle('api/ip', limit: 300, period: 5 * 60) do |req|
            req.ip if req.path.start_with?('/api')
          end
        end
        """;

    [Fact]
    public void Sinatra_app_with_rack_middleware_tells_its_facts()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", SinatraGemfile)
            .Write(".ruby-version", "3.2.2\n")
            .Write("config.ru", Rackup)
            .Write("app.rb", SinatraApp)
            .Write("config/rack_attack.rb", SinatraRackAttack)
            .Write("config/newrelic.yml", "common: &default_settings\n  license_key: <%= ENV['NEW_RELIC_LICENSE_KEY'] %>\n")
            .Write("Procfile", "web: bundle exec puma -C ./config/puma.rb\n")
            .Write("spec/functional/api_spec.rb", "require File.expand_path('../../spec_helper', __FILE__)\n\ndescribe 'API' do\nend\n")
            .Write("spec/spec_helper.rb", "require 'bacon'\n");

        var facts = ReadFacts(repo);

        var part = Assert.Single(facts.Parts);
        Assert.Equal((".", "service"), (part.Path, part.Kind));
        var app = part.Facts;
        Assert.Equal(["sinatra"], app.List(FactKeys.Frameworks));
        Assert.Equal([At("Gemfile", SinatraGemfile, "gem 'sinatra'")], app.EvidenceOf(FactKeys.Frameworks, "sinatra"));
        Assert.Equal(["newrelic"], app.List(FactKeys.Tracing));
        Assert.Equal([At("config.ru", Rackup, "require 'newrelic_rpm'")], app.EvidenceOf(FactKeys.Tracing, "newrelic"));
        Assert.True(app.Bool(FactKeys.RateLimiting));
        Assert.Equal([At("config/rack_attack.rb", SinatraRackAttack, "throttle(")], app.EvidenceOf(FactKeys.RateLimiting));
        Assert.True(app.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([At("config.ru", Rackup, "use Rack::SSL")], app.EvidenceOf(FactKeys.HttpsEnforced));
        Assert.Equal(["hsts"], app.List(FactKeys.SecurityHeaders));
        // The route the app serves counts; the HTTP client's `get('/status')` does not.
        Assert.Equal(["/health"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([At("app.rb", SinatraApp, "get '/health'")], app.EvidenceOf(FactKeys.HealthEndpoint));
        Assert.Equal(1, app.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([At("app.rb", SinatraApp, "puts")], app.EvidenceOf(FactKeys.ConsoleLogCalls));
        Assert.Equal(["postgres"], app.List(FactKeys.DatabaseEngines));
        Assert.Equal([At("Gemfile", SinatraGemfile, "gem 'pg'")], app.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));
        // A Bacon spec is a test file, but not RSpec's.
        Assert.Equal(1, app.Number(FactKeys.TestFiles));
        Assert.Equal([new Evidence("spec/functional/api_spec.rb", 0)], app.EvidenceOf(FactKeys.TestFiles));
        Assert.Empty(app.List(FactKeys.TestFrameworks));
        Assert.Null(facts.Repository.Map(FactKeys.PackageManagers)["bundler"]);
        Assert.Equal([new Evidence("Gemfile", 0)], facts.Repository.EvidenceOf(FactKeys.PackageManagers, "bundler"));
        Assert.Equal("3.2.2", facts.Repository.Map(FactKeys.Runtimes)["ruby"]);
    }

    [Fact]
    public void Code_in_comments_strings_heredocs_and_local_environments_never_counts()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\"\ngem \"sentry-ruby\"\ngem \"rack-attack\"\n# gem \"lograge\"\ngem \"sidekiq\"\n")
            .Write("config/application.rb", "module Shop\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/development.rb", "Rails.application.configure do\n  config.force_ssl = true\n  config.active_job.queue_adapter = :sidekiq\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  # config.force_ssl = true\n  config.force_ssl = false\nend\n")
            .Write("config/initializers/sentry.rb", "=begin\nSentry.init do |config|\nend\n=end\nNOTE = <<~TEXT\n  Sentry.init { }\nTEXT\n")
            .Write("config/initializers/rack_attack.rb", "# Rack::Attack.throttle(\"x\", limit: 1, period: 1)\nRack::Attack.enabled = false\n")
            .Write("config/initializers/cors.rb", "# Rails.application.config.middleware.insert_before 0, Rack::Cors do\n#   origins \"example.com\"\n# end\n")
            .Write("config/routes.rb", "Rails.application.routes.draw do\n  # get \"up\" => \"rails/health#show\"\nend\n")
            .Write("app/services/notifier.rb", "class Notifier\n  MESSAGE = %q(puts \"in a literal\")\n  def call = Rails.logger.info(\"puts 'x'\")\nend\n");

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Empty(app.List(FactKeys.ErrorTracking));
        Assert.Equal("dependency", app.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        // The commented-out lograge does not count; Rails' own logger, which needs no gem, does.
        Assert.Equal(["rails-logger"], app.List(FactKeys.StructuredLogging));
        Assert.Empty(app.List(FactKeys.SecurityHeaders));
        Assert.False(app.Bool(FactKeys.HttpsEnforced));
        Assert.False(app.Bool(FactKeys.RateLimiting));
        Assert.False(app.Bool(FactKeys.CorsConfigured));
        Assert.False(app.Bool(FactKeys.HealthEndpoint));
        Assert.Empty(app.List(FactKeys.BackgroundJobs));
        Assert.Equal(0, app.Number(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Wildcard_cors_origins_are_permissive()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", "gem \"rails\"\ngem \"rack-cors\"\n")
            .Write("config/application.rb", "module Api\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/initializers/cors.rb", "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n    origins '*'\n    resource '*', headers: :any\n  end\nend\n");

        var app = PartAt(ReadFacts(repo), ".");

        Assert.True(app.Bool(FactKeys.CorsPermissive));
        Assert.Equal([new Evidence("config/initializers/cors.rb", 3)], app.EvidenceOf(FactKeys.CorsPermissive));
        Assert.False(app.Bool(FactKeys.CorsConfigured));
    }

    [Fact]
    public void Railtie_started_trackers_are_listed_from_the_gem_and_take_their_key_from_the_environment()
    {
        using var repo = TestRepository.Create();
        repo.Write("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 8.0\"\ngem \"honeybadger\", \"~> 5.0\"\ngem \"rails_semantic_logger\"\ngem \"solid_queue\"\ngem \"good_job\"\n")
            .Write("config/application.rb", "module Gems\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  config.active_job.queue_adapter = :solid_queue\n  config.rails_semantic_logger.format = :json\n  config.rate_limit_store = nil\nend\n")
            .Write("app/controllers/sessions_controller.rb", "class SessionsController < ApplicationController\n  rate_limit to: 10, within: 3.minutes, only: :create\nend\n")
            .Write(".env.example", "DATABASE_URL=\nHONEYBADGER_API_KEY=\n");

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Equal(["honeybadger"], app.List(FactKeys.ErrorTracking));
        Assert.Equal([new Evidence("Gemfile", 3)], app.EvidenceOf(FactKeys.ErrorTracking, "honeybadger"));
        Assert.Equal("dependency,init,dsn", app.Map(FactKeys.ErrorTrackingWiring)["honeybadger"]);
        Assert.Equal([new Evidence(".env.example", 2)], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "honeybadger"));
        Assert.Equal(["semantic-logger"], app.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("config/environments/production.rb", 3)], app.EvidenceOf(FactKeys.StructuredLogging, "semantic-logger"));
        Assert.True(app.Bool(FactKeys.StructuredOutput));
        Assert.Equal([new Evidence("config/environments/production.rb", 3)], app.EvidenceOf(FactKeys.StructuredOutput));
        // good_job is declared but the adapter is solid_queue.
        Assert.Equal(["solid_queue"], app.List(FactKeys.BackgroundJobs));
        Assert.Equal([new Evidence("config/environments/production.rb", 2)], app.EvidenceOf(FactKeys.BackgroundJobs, "solid_queue"));
        Assert.True(app.Bool(FactKeys.RateLimiting));
        Assert.Equal([new Evidence("app/controllers/sessions_controller.rb", 2)], app.EvidenceOf(FactKeys.RateLimiting));
    }

    [Fact]
    public void Monorepo_has_a_rails_service_and_a_sidekiq_worker_but_its_gem_is_not_a_part()
    {
        using var repo = TestRepository.Create();
        repo.Write("api/Gemfile", "source \"https://rubygems.org\"\ngem \"rails\"\ngem \"shared\", path: \"../gems/shared\"\n")
            .Write("api/config/application.rb", "module Api\n  class Application < Rails::Application\n  end\nend\n")
            .Write("api/config.ru", "require_relative \"config/environment\"\nrun Rails.application\n")
            .Write("api/config/routes.rb", "Rails.application.routes.draw do\n  get \"/healthz\", to: proc { [200, {}, [\"ok\"]] }\nend\n")
            .Write("worker/Gemfile", "source \"https://rubygems.org\"\ngem \"sidekiq\"\ngem \"redis\"\n")
            .Write("worker/lib/worker.rb", "class Worker\n  include Sidekiq::Job\n  REDIS = Redis.new(url: ENV[\"REDIS_URL\"])\nend\n")
            .Write("gems/shared/Gemfile", "source \"https://rubygems.org\"\ngemspec\n")
            .Write("gems/shared/shared.gemspec", "Gem::Specification.new do |spec|\n  spec.name = \"shared\"\n  spec.add_dependency \"sidekiq\"\n  spec.add_development_dependency \"rspec\"\nend\n")
            .Write("api/spec/dummy/config/application.rb", "module Dummy\n  class Application < Rails::Application\n  end\nend\n")
            .Write("api/spec/dummy/Gemfile", "gem \"rails\"\n");

        var facts = ReadFacts(repo);

        Assert.Equal(["api", "worker"], facts.Parts.Select(p => p.Path));
        Assert.Equal("service", KindOf(facts, "api"));
        Assert.Equal("worker", KindOf(facts, "worker"));
        Assert.Equal(["/healthz"], PartAt(facts, "api").List(FactKeys.HealthRoutes));
        Assert.Equal(["sidekiq"], PartAt(facts, "worker").List(FactKeys.BackgroundJobs));
        Assert.Equal([new Evidence("worker/lib/worker.rb", 2)], PartAt(facts, "worker").EvidenceOf(FactKeys.BackgroundJobs, "sidekiq"));
        Assert.Equal(["redis"], PartAt(facts, "worker").List(FactKeys.Cache));
        Assert.Equal([new Evidence("worker/lib/worker.rb", 3)], PartAt(facts, "worker").EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Empty(PartAt(facts, "api").List(FactKeys.BackgroundJobs));
    }

    [Fact]
    public void Active_storage_on_r2_is_cloudflare_r2_and_a_service_read_from_the_environment_may_be_any_declared()
    {
        using var repo = TestRepository.Create();
        const string storage = """
            local:
              service: Disk
              root: <%= Rails.root.join("storage") %>

            amazon:
              service: S3
              bucket: <%= ENV["S3_BUCKET"] %>

            cloudflare:
              service: S3
              endpoint: https://<%= ENV['CLOUDFLARE_ACCOUNT_ID'] %>.r2.cloudflarestorage.com
              bucket: <%= ENV['CLOUDFLARE_BUCKET'] %>
            """;
        repo.Write("Gemfile", "gem \"rails\"\ngem \"aws-sdk-s3\", require: false\n")
            .Write("config/application.rb", "module Maybe\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/environments/production.rb", "Rails.application.configure do\n  config.active_storage.service = ENV.fetch(\"ACTIVE_STORAGE_SERVICE\", \"local\").to_sym\nend\n")
            .Write("config/storage.yml", storage);

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Equal(["cloudflare-r2", "s3"], app.List(FactKeys.ObjectStorage));
        Assert.Equal([new Evidence("config/storage.yml", 10)], app.EvidenceOf(FactKeys.ObjectStorage, "cloudflare-r2"));
        Assert.Equal([new Evidence("config/storage.yml", 6)], app.EvidenceOf(FactKeys.ObjectStorage, "s3"));
    }

    [Fact]
    public void Routes_take_their_namespace_an_admin_status_page_is_not_a_health_check_and_sinatra_for_sidekiq_web_is_no_framework()
    {
        using var repo = TestRepository.Create();
        const string routes = """
            Rails.application.routes.draw do
              namespace :internal do
                get 'ping' => 'ping#index'
              end
              namespace :admin do
                get '/status' => 'status#show'
              end
              resources :projects do
                get 'status'
              end
            end
            """;
        repo.Write("Gemfile", "gem \"rails\"\ngem \"sidekiq\"\ngem \"sinatra\", require: false\n")
            .Write("config/application.rb", "module CodeTriage\n  class Application < Rails::Application\n  end\nend\n")
            .Write("config/routes.rb", routes);

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Equal(["/internal/ping"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("config/routes.rb", 3)], app.EvidenceOf(FactKeys.HealthEndpoint));
        Assert.Equal(["rails"], app.List(FactKeys.Frameworks));
    }
}
