using InfraTrend.Facts;
using InfraTrend.Facts.Python;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Python facts on fixture repositories shaped after real applications: a FastAPI backend laid out like
/// fastapi/full-stack-fastapi-template, a Django project like cookiecutter-django and healthchecks, and a Flask
/// application like getredash/redash.
/// </summary>
public class PythonFactsTests
{
    private static RepositoryFacts Extract(TestRepository repo)
    {
        repo.Commit("fixture");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        return FactExtractor.Extract(snapshot).Facts;
    }

    private static FactTable Part(RepositoryFacts facts, string path) => facts.Parts.Single(p => p.Path == path).Facts;

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    private static int Line(string text, string marker)
    {
        var line = TextLines.Find(text, marker);
        Assert.True(line > 0, $"'{marker}' is not in the fixture");
        return line;
    }

    // ---- FastAPI (full-stack-fastapi-template's backend) ----------------------------------------

    private const string BackendPyproject = """
        [project]
        name = "app"
        version = "0.1.0"
        requires-python = ">=3.10,<4.0"
        dependencies = [
            "fastapi[standard]<1.0.0,>=0.114.2",
            "alembic<2.0.0,>=1.12.1",
            "psycopg[binary]<4.0.0,>=3.1.13",
            "sqlmodel<1.0.0,>=0.0.21",
            "sentry-sdk[fastapi]<2.0.0,>=1.40.6",
            "pyjwt<3.0.0,>=2.8.0",
        ]

        [dependency-groups]
        dev = [
            "pytest<8.0.0,>=7.4.3",
            "mypy<2.0.0,>=1.8.0",
        ]

        [tool.uv]
        required-version = ">=0.5.0"
        """;

    private const string FastApiMain = """
        import sentry_sdk
        from fastapi import FastAPI
        from fastapi.routing import APIRoute
        from starlette.middleware.cors import CORSMiddleware

        from app.api.main import api_router
        from app.core.config import settings


        def custom_generate_unique_id(route: APIRoute) -> str:
            return f"{route.tags[0]}-{route.name}"


        if settings.ENVIRONMENT != "local":
            sentry_sdk.init(dsn=str(settings.SENTRY_DSN), enable_tracing=True)

        app = FastAPI(
            title=settings.PROJECT_NAME,
            generate_unique_id_function=custom_generate_unique_id,
        )

        # Set all CORS enabled origins
        if settings.all_cors_origins:
            app.add_middleware(
                CORSMiddleware,
                allow_origins=settings.all_cors_origins,
                allow_credentials=True,
                allow_methods=["*"],
                allow_headers=["*"],
            )

        app.include_router(api_router, prefix=settings.API_V1_STR)
        """;

    private const string FastApiConfig = """
        from pydantic import HttpUrl
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            API_V1_STR: str = "/api/v1"
            FRONTEND_HOST: str = "http://localhost:5173"
            SENTRY_DSN: HttpUrl | None = None
            SQLALCHEMY_DATABASE_URI: str = "postgresql+psycopg://postgres@db:5432/app"
        """;

    private const string FastApiUtilsRoutes = """
        from fastapi import APIRouter

        router = APIRouter(prefix="/utils", tags=["utils"])


        @router.get("/health-check/")
        async def health_check() -> bool:
            return True
        """;

    private const string FastApiDeps = """
        import jwt
        from fastapi.security import OAuth2PasswordBearer

        reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/login/access-token")


        def decode(token: str) -> dict:
            # print(token) while debugging
            return jwt.decode(token, "secret", algorithms=["HS256"])
        """;

    private const string InitialData = """
        import logging

        logging.basicConfig(level=logging.INFO)
        logger = logging.getLogger(__name__)


        def main() -> None:
            logger.info("Creating initial data")
            print("Initial data created")
        """;

    private static TestRepository FastApiTemplate()
    {
        var repo = TestRepository.Create();
        repo.Write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"backend\"]\n")
            .Write("uv.lock", "version = 1\nrequires-python = \">=3.10\"\n")
            .Write("backend/pyproject.toml", BackendPyproject)
            .Write("backend/Dockerfile", "FROM python:3.10\nWORKDIR /app/\nCOPY ./app /app/app\nCMD [\"fastapi\", \"run\", \"--workers\", \"4\", \"app/main.py\"]\n")
            .Write("backend/alembic.ini", "[alembic]\nscript_location = app/alembic\n")
            .Write("backend/app/__init__.py", "")
            .Write("backend/app/main.py", FastApiMain)
            .Write("backend/app/core/config.py", FastApiConfig)
            .Write("backend/app/api/routes/utils.py", FastApiUtilsRoutes)
            .Write("backend/app/api/deps.py", FastApiDeps)
            .Write("backend/app/initial_data.py", InitialData)
            .Write("backend/app/alembic/env.py", "from alembic import context\n\nprint(\"migrating\")\n")
            .Write("backend/app/alembic/versions/e2412789c190_initialize_models.py", "revision = \"e2412789c190\"\ndown_revision = None\n")
            .Write("backend/app/alembic/versions/9c0a54914c78_add_max_length_for_string_varchar.py", "revision = \"9c0a54914c78\"\ndown_revision = \"e2412789c190\"\n")
            .Write("backend/tests/conftest.py", "import pytest\n")
            .Write("backend/tests/api/routes/test_login.py", "def test_get_access_token() -> None:\n    print(\"not application code\")\n    assert True\n");
        return repo;
    }

    [Fact]
    public void FastApi_backend_tells_its_stack_monitoring_security_and_database_facts_with_their_lines()
    {
        using var repo = FastApiTemplate();

        var facts = Extract(repo);

        var part = Assert.Single(facts.Parts);
        Assert.Equal(("backend", "app", "service"), (part.Path, part.Name, part.Kind));
        var api = part.Facts;
        Evidence At(string path, string text, string marker) => new("backend/" + path, Line(text, marker));

        Assert.Equal(["python"], api.List(FactKeys.Languages));
        Assert.Equal(["fastapi"], api.List(FactKeys.Frameworks));
        Assert.Equal([At("app/api/deps.py", FastApiDeps, "from fastapi"), At("pyproject.toml", BackendPyproject, "\"fastapi[standard]")], api.EvidenceOf(FactKeys.Frameworks, "fastapi"));

        Assert.Equal(["sentry"], api.List(FactKeys.ErrorTracking));
        Assert.Equal([At("app/main.py", FastApiMain, "sentry_sdk.init(")], api.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", api.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([At("app/core/config.py", FastApiConfig, "SENTRY_DSN")], api.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));

        Assert.True(api.Bool(FactKeys.CorsConfigured));
        Assert.Equal([At("app/main.py", FastApiMain, "CORSMiddleware,")], api.EvidenceOf(FactKeys.CorsConfigured));
        Assert.False(api.Bool(FactKeys.CorsPermissive));

        Assert.True(api.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(["/health-check"], api.List(FactKeys.HealthRoutes));
        Assert.Equal([At("app/api/routes/utils.py", FastApiUtilsRoutes, "@router.get")], api.EvidenceOf(FactKeys.HealthRoutes, "/health-check"));

        Assert.Equal(["jwt"], api.List(FactKeys.Auth));
        Assert.Equal([At("app/api/deps.py", FastApiDeps, "import jwt")], api.EvidenceOf(FactKeys.Auth, "jwt"));

        Assert.Equal(["python-logging"], api.List(FactKeys.StructuredLogging));
        Assert.Equal([At("app/initial_data.py", InitialData, "basicConfig")], api.EvidenceOf(FactKeys.StructuredLogging, "python-logging"));
        Assert.False(api.Bool(FactKeys.StructuredOutput));

        // The print in a comment, the one in Alembic's env.py and the one in a test do not count.
        Assert.Equal(1, api.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([At("app/initial_data.py", InitialData, "print(")], api.EvidenceOf(FactKeys.ConsoleLogCalls));

        Assert.Equal(["alembic"], api.List(FactKeys.MigrationTools));
        Assert.Equal(2, api.Number(FactKeys.MigrationCount));
        Assert.Equal(
            [new Evidence("backend/app/alembic/versions/9c0a54914c78_add_max_length_for_string_varchar.py", 0), new Evidence("backend/app/alembic/versions/e2412789c190_initialize_models.py", 0)],
            api.EvidenceOf(FactKeys.MigrationCount));
        Assert.True(api.Bool(FactKeys.SeedScript));
        Assert.Equal([new Evidence("backend/app/initial_data.py", 0)], api.EvidenceOf(FactKeys.SeedScript));

        Assert.Equal(["postgres"], api.List(FactKeys.DatabaseEngines));
        Assert.Equal([At("app/core/config.py", FastApiConfig, "postgresql+psycopg"), At("pyproject.toml", BackendPyproject, "psycopg[binary]")], api.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));

        Assert.Equal(["pytest"], api.List(FactKeys.TestFrameworks));
        Assert.Equal(
            [At("pyproject.toml", BackendPyproject, "\"pytest"), new Evidence("backend/tests/api/routes/test_login.py", 0), new Evidence("backend/tests/conftest.py", 0)],
            api.EvidenceOf(FactKeys.TestFrameworks, "pytest"));
        Assert.Equal(1, api.Number(FactKeys.TestFiles));

        Assert.Empty(api.List(FactKeys.Cache));
        Assert.Empty(api.List(FactKeys.BackgroundJobs));
        Assert.Empty(api.List(FactKeys.SecurityHeaders));
        Assert.False(api.Bool(FactKeys.RateLimiting));

        var repository = facts.Repository;
        Assert.Equal(new Dictionary<string, string?> { ["uv"] = "0.5.0" }, repository.Map(FactKeys.PackageManagers));
        Assert.Contains(new Evidence("backend/pyproject.toml", Line(BackendPyproject, "required-version")), repository.EvidenceOf(FactKeys.PackageManagers, "uv"));
        Assert.Contains(new Evidence("uv.lock", 0), repository.EvidenceOf(FactKeys.PackageManagers, "uv"));
        Assert.Equal(["uv.lock"], repository.List(FactKeys.Lockfiles));
        Assert.Equal("3.10", repository.Map(FactKeys.Runtimes)["python"]);
        Assert.Contains(
            repository.Objects(FactKeys.RuntimeSources),
            s => s["path"]!.GetValue<string>() == "backend/pyproject.toml" && s["line"]!.GetValue<int>() == Line(BackendPyproject, "requires-python") && s["version"]!.GetValue<string>() == "3.10" && s["kind"]!.GetValue<string>() == "manifest");
    }

    // ---- Django (cookiecutter-django's layout, healthchecks' settings) ----------------------------

    private const string DjangoBaseSettings = """
        import environ

        env = environ.Env()

        DATABASES = {"default": env.db("DATABASE_URL", default="postgres:///app")}

        INSTALLED_APPS = [
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "corsheaders",
            "rest_framework",
            "rest_framework_simplejwt",
            "app.users",
        ]

        MIDDLEWARE = [
            "django.middleware.security.SecurityMiddleware",
            "corsheaders.middleware.CorsMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            # "django_ratelimit.middleware.RatelimitMiddleware",
        ]

        REST_FRAMEWORK = {
            "DEFAULT_AUTHENTICATION_CLASSES": ("rest_framework_simplejwt.authentication.JWTAuthentication",),
            "DEFAULT_THROTTLE_RATES": {"anon": "100/day"},
        }

        CORS_URLS_REGEX = r"^/api/.*$"
        CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=["https://app.example.com"])

        CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": env("REDIS_URL"),
            }
        }

        LOGGING = {
            "version": 1,
            "formatters": {"json": {"()": "pythonjsonlogger.jsonlogger.JsonFormatter"}},
            "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
            "root": {"level": "INFO", "handlers": ["console"]},
        }
        """;

    private const string DjangoProductionSettings = """
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration

        from .base import *  # noqa: F403

        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
        SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365  # a year
        # CORS_ALLOW_ALL_ORIGINS = True

        STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}

        sentry_sdk.init(
            dsn=env("SENTRY_DSN"),
            integrations=[DjangoIntegration()],
        )
        """;

    private const string DjangoUrls = """
        from django.contrib import admin
        from django.urls import include, path

        from app.users.views import health

        urlpatterns = [
            path("admin/", admin.site.urls),
            path("api/", include("app.users.urls")),
            path("healthz/", health),
        ]
        """;

    private const string DjangoViews = """"
        from django.http import JsonResponse


        def health(request):
            """print("not a call") in a docstring"""
            print("health checked")  # print("in a comment")
            return JsonResponse({"status": "ok"})
        """";

    private const string CeleryApp = """
        import os

        from celery import Celery

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

        app = Celery("app")
        app.config_from_object("django.conf:settings", namespace="CELERY")
        app.autodiscover_tasks()
        """;

    private const string BaseRequirements = """
        Django==5.0.6  # https://www.djangoproject.com/
        django-environ==0.11.2
        django-cors-headers==4.3.1
        djangorestframework==3.15.1
        djangorestframework-simplejwt==5.3.1
        django-redis==5.4.0
        celery==5.4.0
        python-json-logger==2.0.7
        psycopg[c]==3.1.19
        sentry-sdk==2.5.1
        """;

    private static TestRepository CookiecutterDjango()
    {
        var repo = TestRepository.Create();
        repo.Write("requirements/base.txt", BaseRequirements)
            .Write("requirements/production.txt", "-r base.txt\n\ngunicorn==22.0.0  # https://github.com/benoitc/gunicorn\ndjango-storages[s3]==1.14.3\n")
            .Write("requirements/local.txt", "-r base.txt\n\npytest==8.2.2\npytest-django==4.8.0\n")
            .Write("manage.py", "#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == \"__main__\":\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n")
            .Write("Dockerfile", "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"config.wsgi\"]\n")
            .Write("Procfile", "release: python manage.py migrate\nweb: gunicorn config.wsgi:application\nworker: celery -A config.celery_app worker --loglevel=info\n")
            .Write("config/__init__.py", "")
            .Write("config/settings/base.py", DjangoBaseSettings)
            .Write("config/settings/production.py", DjangoProductionSettings)
            .Write("config/urls.py", DjangoUrls)
            .Write("config/celery_app.py", CeleryApp)
            .Write("app/users/views.py", DjangoViews)
            .Write("app/users/migrations/__init__.py", "")
            .Write("app/users/migrations/0001_initial.py", "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    print(\"generated\")\n")
            .Write("app/users/migrations/0002_user_name.py", "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"users\", \"0001_initial\")]\n")
            .Write("app/users/management/commands/seed_users.py", "from django.core.management.base import BaseCommand\n")
            .Write("app/users/tests/test_models.py", "from django.test import TestCase\n\n\nclass UserTests(TestCase):\n    def test_str(self):\n        self.assertTrue(True)\n")
            .Write("app/pages/tests.py", "from django.test import TestCase\n\n# Create your tests here.\n");
        return repo;
    }

    [Fact]
    public void Django_settings_middleware_and_installed_apps_tell_security_auth_cache_and_logging_with_their_lines()
    {
        using var repo = CookiecutterDjango();

        var facts = Extract(repo);

        var part = Assert.Single(facts.Parts);
        Assert.Equal((".", "service"), (part.Path, part.Kind));
        var app = part.Facts;
        Evidence Base(string marker) => new("config/settings/base.py", Line(DjangoBaseSettings, marker));
        Evidence Production(string marker) => new("config/settings/production.py", Line(DjangoProductionSettings, marker));

        Assert.Equal(["django"], app.List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("app/users/management/commands/seed_users.py", 1), new Evidence("requirements/base.txt", 1)], app.EvidenceOf(FactKeys.Frameworks, "django"));

        Assert.Equal(["django-security-middleware", "hsts"], app.List(FactKeys.SecurityHeaders));
        Assert.Equal([Base("SecurityMiddleware")], app.EvidenceOf(FactKeys.SecurityHeaders, "django-security-middleware"));
        Assert.Equal([Production("SECURE_HSTS_SECONDS")], app.EvidenceOf(FactKeys.SecurityHeaders, "hsts"));
        Assert.True(app.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([Production("SECURE_SSL_REDIRECT"), Production("SECURE_HSTS_SECONDS")], app.EvidenceOf(FactKeys.HttpsEnforced));

        // CORS_ALLOWED_ORIGINS counts; the commented-out CORS_ALLOW_ALL_ORIGINS does not.
        Assert.True(app.Bool(FactKeys.CorsConfigured));
        Assert.Equal([Base("CORS_ALLOWED_ORIGINS =")], app.EvidenceOf(FactKeys.CorsConfigured));
        Assert.False(app.Bool(FactKeys.CorsPermissive));

        Assert.Equal(["django-auth", "jwt"], app.List(FactKeys.Auth));
        Assert.Equal([Base("\"django.contrib.auth\"")], app.EvidenceOf(FactKeys.Auth, "django-auth"));
        Assert.Equal([Base("\"rest_framework_simplejwt\","), Base("JWTAuthentication")], app.EvidenceOf(FactKeys.Auth, "jwt"));

        // DRF throttling is rate limiting; a middleware in a comment is not.
        Assert.True(app.Bool(FactKeys.RateLimiting));
        Assert.Equal([Base("DEFAULT_THROTTLE_RATES")], app.EvidenceOf(FactKeys.RateLimiting));

        Assert.Equal(["redis"], app.List(FactKeys.Cache));
        Assert.Equal([Base("django_redis.cache")], app.EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Equal(["python-logging"], app.List(FactKeys.StructuredLogging));
        Assert.Equal([Base("LOGGING =")], app.EvidenceOf(FactKeys.StructuredLogging, "python-logging"));
        Assert.True(app.Bool(FactKeys.StructuredOutput));
        Assert.Equal([Base("pythonjsonlogger")], app.EvidenceOf(FactKeys.StructuredOutput));

        Assert.Equal(["sentry"], app.List(FactKeys.ErrorTracking));
        Assert.Equal([Production("sentry_sdk.init(")], app.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", app.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([Production("dsn=")], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));

        Assert.Equal(["s3"], app.List(FactKeys.ObjectStorage));
        Assert.Equal([Production("STORAGES")], app.EvidenceOf(FactKeys.ObjectStorage, "s3"));
        Assert.Equal(["celery"], app.List(FactKeys.BackgroundJobs));
        Assert.Equal([new Evidence("config/celery_app.py", Line(CeleryApp, "from celery"))], app.EvidenceOf(FactKeys.BackgroundJobs, "celery"));
        Assert.Equal(["postgres"], app.List(FactKeys.DatabaseEngines));
        Assert.Equal([Base("postgres:///"), new Evidence("requirements/base.txt", Line(BaseRequirements, "psycopg"))], app.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));

        Assert.True(app.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(["/healthz"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("config/urls.py", Line(DjangoUrls, "healthz"))], app.EvidenceOf(FactKeys.HealthRoutes, "/healthz"));

        // One print: not the docstring's, not the comment's, not the generated migration's.
        Assert.Equal(1, app.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("app/users/views.py", 6)], app.EvidenceOf(FactKeys.ConsoleLogCalls));

        Assert.Equal(["django"], app.List(FactKeys.MigrationTools));
        Assert.Equal(2, app.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("app/users/migrations/0001_initial.py", 0), new Evidence("app/users/migrations/0002_user_name.py", 0)], app.EvidenceOf(FactKeys.MigrationCount));
        Assert.True(app.Bool(FactKeys.SeedScript));

        // pytest is set up (requirements/local.txt), so it runs the TestCase classes; startapp's empty tests.py is no test file.
        Assert.Equal(["pytest"], app.List(FactKeys.TestFrameworks));
        Assert.Equal([new Evidence("app/users/tests/test_models.py", 0), new Evidence("requirements/local.txt", 3)], app.EvidenceOf(FactKeys.TestFrameworks, "pytest"));
        Assert.Equal(1, app.Number(FactKeys.TestFiles));

        var repository = facts.Repository;
        Assert.Equal(new Dictionary<string, string?> { ["pip"] = null }, repository.Map(FactKeys.PackageManagers));
        Assert.Equal(["release"], repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal("3.12", repository.Map(FactKeys.Runtimes)["python"]);
    }

    [Fact]
    public void Django_tests_without_pytest_run_under_unittest_and_allowing_every_origin_is_permissive()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "Django==5.0\ndjango-cors-headers==4.3\n")
            .Write("manage.py", "import sys\n")
            .Write("shop/settings.py", "INSTALLED_APPS = [\"corsheaders\"]\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ORIGIN_ALLOW_ALL = DEBUG\nSECURE_HSTS_SECONDS = 0\nSECURE_SSL_REDIRECT = False\n")
            .Write("shop/views.py", "from django.http import HttpResponse\n")
            .Write("shop/tests.py", "from hc.test import BaseTestCase\n\n\nclass ShopTests(BaseTestCase):\n    def test_home(self):\n        pass\n");

        var app = Part(Extract(repo), ".");

        Assert.Equal(["unittest"], app.List(FactKeys.TestFrameworks));
        Assert.Equal(1, app.Number(FactKeys.TestFiles));
        Assert.True(app.Bool(FactKeys.CorsPermissive));
        Assert.Equal([new Evidence("shop/settings.py", 2)], app.EvidenceOf(FactKeys.CorsPermissive));
        Assert.False(app.Bool(FactKeys.CorsConfigured));
        Assert.Empty(app.List(FactKeys.SecurityHeaders));
        Assert.False(app.Bool(FactKeys.HttpsEnforced));
    }

    [Fact]
    public void Settings_read_from_configuration_count_by_their_default()
    {
        // NetBox's settings.py: every setting comes from configuration.py, with a default.
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "Django==5.2\n")
            .Write("netbox/manage.py", "")
            .Write("netbox/netbox/settings.py", """
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
                SECURE_HSTS_SECONDS = getattr(configuration, 'SECURE_HSTS_SECONDS', 0)
                SECURE_SSL_REDIRECT = getattr(configuration, 'SECURE_SSL_REDIRECT', False)
                CORS_ORIGIN_ALLOW_ALL = getattr(configuration, 'CORS_ORIGIN_ALLOW_ALL', False)
                CORS_ORIGIN_WHITELIST = getattr(configuration, 'CORS_ORIGIN_WHITELIST', [])
                CSP_DEFAULT_SRC = os.environ.get("CSP_DEFAULT_SRC", "'self'")
                """);

        var app = Part(Extract(repo), ".");

        Assert.Equal(["csp", "django-security-middleware"], app.List(FactKeys.SecurityHeaders));
        Assert.Equal([new Evidence("netbox/netbox/settings.py", 6)], app.EvidenceOf(FactKeys.SecurityHeaders, "csp"));
        Assert.False(app.Bool(FactKeys.HttpsEnforced));
        Assert.False(app.Bool(FactKeys.CorsPermissive));
        Assert.True(app.Bool(FactKeys.CorsConfigured));
        Assert.Equal([new Evidence("netbox/netbox/settings.py", 5)], app.EvidenceOf(FactKeys.CorsConfigured));
    }

    // ---- Flask (getredash/redash's shape), with Poetry --------------------------------------------

    private const string FlaskPyproject = """
        [tool.poetry]
        name = "redash"
        version = "24.0.0"

        [tool.poetry.dependencies]
        python = ">=3.8,<3.11"
        flask = "2.3.2"
        flask-limiter = "3.3.1"
        flask-talisman = "0.7.0"
        rq = "1.16.1"
        redis = "4.6.0"
        sentry-sdk = "1.28.1"
        statsd = "3.3.0"
        boto3 = { version = "1.28.8", optional = true }

        [tool.poetry.group.dev.dependencies]
        pytest = "7.4.0"

        [build-system]
        requires = ["poetry-core"]
        build-backend = "poetry.core.masonry.api"
        """;

    private const string RedashInit = """
        import logging
        import sys

        import redis
        from flask_limiter import Limiter
        from flask_limiter.util import get_remote_address
        from statsd import StatsClient

        from redash import settings


        def setup_logging():
            handler = logging.StreamHandler(sys.stdout)
            handler.setFormatter(logging.Formatter(settings.LOG_FORMAT))
            logging.getLogger().addHandler(handler)


        setup_logging()

        redis_connection = redis.from_url(settings.REDIS_URL)
        statsd_client = StatsClient(host=settings.STATSD_HOST)
        limiter = Limiter(key_func=get_remote_address)
        """;

    private const string RedashSecurity = """
        from flask_talisman import Talisman

        talisman = Talisman()


        def init_app(app):
            talisman.init_app(app, force_https=False, content_security_policy=None)
        """;

    private const string RedashHandlers = """
        from flask import Blueprint

        routes = Blueprint("redash", __name__)


        @routes.route("/ping", methods=["GET"])
        def ping():
            return "PONG."
        """;

    private const string RedashSentry = """
        import sentry_sdk
        from sentry_sdk.integrations.flask import FlaskIntegration

        from redash import settings


        def init():
            if settings.SENTRY_DSN:
                sentry_sdk.init(dsn=settings.SENTRY_DSN, integrations=[FlaskIntegration()])
        """;

    private static TestRepository Redash()
    {
        var repo = TestRepository.Create();
        repo.Write("pyproject.toml", FlaskPyproject)
            .Write("poetry.lock", "# This file is automatically @generated by Poetry 1.6.1 and should not be changed by hand.\n\n[[package]]\nname = \"flask\"\n")
            .Write("redash/__init__.py", RedashInit)
            .Write("redash/security.py", RedashSecurity)
            .Write("redash/handlers/__init__.py", RedashHandlers)
            .Write("redash/utils/sentry.py", RedashSentry)
            .Write("redash/worker.py", "from rq import get_current_job\n")
            .Write("redash/query_runner/athena.py", "import boto3\n\nclient = boto3.client(\"athena\")\n")
            .Write("migrations/env.py", "from alembic import context\n")
            .Write("migrations/versions/0ec979123ba4_.py", "revision = \"0ec979123ba4\"\n")
            .Write("migrations/versions/1daa601d3ae5_add_columns.py", "revision = \"1daa601d3ae5\"\n")
            .Write("migrations/versions/7205816877ec_change_type.py", "revision = \"7205816877ec\"\n")
            .Write("tests/__init__.py", "")
            .Write("tests/test_handlers.py", "import pytest\n\n\ndef test_ping(client):\n    assert client.get(\"/ping\").data == b\"PONG.\"\n");
        return repo;
    }

    [Fact]
    public void Flask_application_tells_limiter_talisman_queue_and_metrics_and_Poetry_with_its_version()
    {
        using var repo = Redash();

        var facts = Extract(repo);

        var part = Assert.Single(facts.Parts);
        Assert.Equal((".", "redash", "service"), (part.Path, part.Name, part.Kind));
        var app = part.Facts;
        Evidence In(string path, string text, string marker) => new(path, Line(text, marker));

        Assert.Equal(["flask"], app.List(FactKeys.Frameworks));
        Assert.Equal([In("pyproject.toml", FlaskPyproject, "flask ="), In("redash/handlers/__init__.py", RedashHandlers, "from flask")], app.EvidenceOf(FactKeys.Frameworks, "flask"));

        Assert.True(app.Bool(FactKeys.RateLimiting));
        Assert.Equal([In("redash/__init__.py", RedashInit, "from flask_limiter import"), In("redash/__init__.py", RedashInit, "flask_limiter.util")], app.EvidenceOf(FactKeys.RateLimiting));

        // Talisman() sends HSTS and a CSP and redirects; the init_app call turns the CSP and the redirect off.
        Assert.Equal(["csp", "hsts"], app.List(FactKeys.SecurityHeaders));
        Assert.Equal([In("redash/security.py", RedashSecurity, "= Talisman()"), In("redash/security.py", RedashSecurity, "init_app(app,")], app.EvidenceOf(FactKeys.SecurityHeaders, "hsts"));
        Assert.Equal([In("redash/security.py", RedashSecurity, "= Talisman()")], app.EvidenceOf(FactKeys.SecurityHeaders, "csp"));
        Assert.Equal([In("redash/security.py", RedashSecurity, "= Talisman()")], app.EvidenceOf(FactKeys.HttpsEnforced));

        Assert.Equal(["/ping"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([In("redash/handlers/__init__.py", RedashHandlers, "@routes.route")], app.EvidenceOf(FactKeys.HealthEndpoint));

        Assert.Equal(["sentry"], app.List(FactKeys.ErrorTracking));
        Assert.Equal([In("redash/utils/sentry.py", RedashSentry, "sentry_sdk.init(")], app.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", app.Map(FactKeys.ErrorTrackingWiring)["sentry"]);

        Assert.Equal(["statsd"], app.List(FactKeys.Metrics));
        Assert.Equal([In("redash/__init__.py", RedashInit, "from statsd")], app.EvidenceOf(FactKeys.Metrics, "statsd"));
        Assert.Equal(["redis"], app.List(FactKeys.Cache));
        Assert.Equal([In("redash/__init__.py", RedashInit, "import redis")], app.EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Equal(["rq"], app.List(FactKeys.BackgroundJobs));
        Assert.Equal([new Evidence("redash/worker.py", 1)], app.EvidenceOf(FactKeys.BackgroundJobs, "rq"));
        Assert.Equal(["python-logging"], app.List(FactKeys.StructuredLogging));
        Assert.Equal([In("redash/__init__.py", RedashInit, "handler.setFormatter")], app.EvidenceOf(FactKeys.StructuredLogging, "python-logging"));

        // boto3 talks to Athena here, not to S3.
        Assert.Empty(app.List(FactKeys.ObjectStorage));

        Assert.Equal(["alembic"], app.List(FactKeys.MigrationTools));
        Assert.Equal(3, app.Number(FactKeys.MigrationCount));
        Assert.Equal(["pytest"], app.List(FactKeys.TestFrameworks));
        Assert.Equal([In("pyproject.toml", FlaskPyproject, "pytest ="), new Evidence("tests/test_handlers.py", 0)], app.EvidenceOf(FactKeys.TestFrameworks, "pytest"));
        Assert.Equal(1, app.Number(FactKeys.TestFiles));
        Assert.Equal(0, app.Number(FactKeys.ConsoleLogCalls));

        var repository = facts.Repository;
        Assert.Equal(new Dictionary<string, string?> { ["poetry"] = "1.6.1" }, repository.Map(FactKeys.PackageManagers));
        Assert.Equal([new Evidence("poetry.lock", 1), In("pyproject.toml", FlaskPyproject, "[tool.poetry]")], repository.EvidenceOf(FactKeys.PackageManagers, "poetry"));
        Assert.Equal(["poetry.lock"], repository.List(FactKeys.Lockfiles));
        Assert.Equal("3.8", repository.Map(FactKeys.Runtimes)["python"]);
    }

    // ---- wired, not just present -----------------------------------------------------------------

    [Fact]
    public void Calls_and_imports_in_comments_docstrings_and_strings_never_count()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "fastapi==0.110.0\nuvicorn==0.29.0\n")
            .Write("app/main.py", """
                from fastapi import FastAPI
                # import sentry_sdk
                # sentry_sdk.init(dsn="https://key@sentry.io/1")
                HELP = '''
                import structlog
                from slowapi import Limiter
                app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
                @app.get("/health")
                print("in a docstring")
                '''
                app = FastAPI()
                query = "import redis; print('x')"
                message = f"{len(query)} chars, print('not a call')"
                print(f"{len(query)}")
                """);

        var app = Part(Extract(repo), ".");

        Assert.Equal(["fastapi"], app.List(FactKeys.Frameworks));
        Assert.Empty(app.List(FactKeys.ErrorTracking));
        Assert.Empty(app.Map(FactKeys.ErrorTrackingWiring));
        Assert.Empty(app.List(FactKeys.StructuredLogging));
        Assert.Empty(app.List(FactKeys.Cache));
        Assert.False(app.Bool(FactKeys.RateLimiting));
        Assert.False(app.Bool(FactKeys.CorsConfigured));
        Assert.False(app.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(1, app.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([new Evidence("app/main.py", 14)], app.EvidenceOf(FactKeys.ConsoleLogCalls));
    }

    [Fact]
    public void Sentry_that_is_only_a_dependency_is_not_listed_and_its_wiring_says_so()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "flask==3.0.0\nsentry-sdk[flask]==2.0.0\n")
            .Write("app.py", "from flask import Flask\n\napp = Flask(__name__)\n");

        var app = Part(Extract(repo), ".");

        Assert.Empty(app.List(FactKeys.ErrorTracking));
        Assert.Equal(new Dictionary<string, string?> { ["sentry"] = "dependency" }, app.Map(FactKeys.ErrorTrackingWiring));
        Assert.Equal([new Evidence("requirements.txt", 2)], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
    }

    [Fact]
    public void Sentry_initialised_without_a_dsn_anywhere_is_listed_with_partial_wiring()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "flask==3.0.0\nsentry-sdk==2.0.0\n")
            .Write("app.py", "import sentry_sdk\nfrom flask import Flask\n\nsentry_sdk.init(traces_sample_rate=1.0)\napp = Flask(__name__)\n");

        var app = Part(Extract(repo), ".");

        Assert.Equal(["sentry"], app.List(FactKeys.ErrorTracking));
        Assert.Equal(new Dictionary<string, string?> { ["sentry"] = "dependency,init" }, app.Map(FactKeys.ErrorTrackingWiring));
        Assert.Equal([new Evidence("app.py", 4)], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
    }

    [Fact]
    public void Zero_code_agents_in_the_start_command_count_as_tracing_but_not_in_a_comment()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "django==5.0\nddtrace==2.0\n")
            .Write("manage.py", "")
            .Write("Procfile", "# web: newrelic-admin run-program gunicorn app.wsgi\nweb: ddtrace-run gunicorn app.wsgi\n");

        var facts = Extract(repo);

        Assert.Equal(["datadog"], facts.Repository.List(FactKeys.Tracing));
        Assert.Equal([new Evidence("Procfile", 2)], facts.Repository.EvidenceOf(FactKeys.Tracing, "datadog"));
    }

    [Fact]
    public void Boto3_with_an_s3_client_is_object_storage_and_loguru_serialize_is_structured_output()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "fastapi\nboto3\nloguru\nslowapi\n")
            .Write("app/storage.py", "import boto3\n\ns3 = boto3.client(\"s3\", region_name=\"eu-west-1\")\n")
            .Write("app/log.py", "import sys\n\nfrom loguru import logger\n\nlogger.add(sys.stdout, serialize=True)\n")
            .Write("app/main.py", "from fastapi import FastAPI\nfrom slowapi import Limiter\n\napp = FastAPI()\n\n\n@app.get(\"/api/v1/healthz\")\ndef healthz():\n    return {}\n");

        var app = Part(Extract(repo), ".");

        Assert.Equal(["s3"], app.List(FactKeys.ObjectStorage));
        Assert.Equal([new Evidence("app/storage.py", 3)], app.EvidenceOf(FactKeys.ObjectStorage, "s3"));
        Assert.Equal(["loguru"], app.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("app/log.py", 5)], app.EvidenceOf(FactKeys.StructuredOutput));
        Assert.Equal([new Evidence("app/main.py", 2)], app.EvidenceOf(FactKeys.RateLimiting));
        Assert.Equal(["/api/v1/healthz"], app.List(FactKeys.HealthRoutes));
    }

    // ---- manifests and parts --------------------------------------------------------------------

    [Fact]
    public void Requirements_follow_their_includes_and_Pipfile_setup_cfg_and_setup_py_are_read_as_text()
    {
        using var repo = TestRepository.Create();
        repo.Write("requirements.txt", "-r reqs/prod.in\n--index-url https://pypi.org/simple\n-e git+https://github.com/org/lib.git#egg=internal_lib\n")
            .Write("reqs/prod.in", "Flask>=2.3  # web\n")
            .Write("Pipfile", "[packages]\nfastapi = \"*\"\n\n[dev-packages]\npytest = \"==8.0\"\n\n[requires]\npython_version = \"3.11\"\n")
            .Write("setup.cfg", "[metadata]\nname = tool\n\n[options]\npython_requires = >=3.9\ninstall_requires =\n    requests>=2\n    click\n")
            .Write("setup.py", "from setuptools import setup\n\nsetup(\n    name=\"tool\",\n    python_requires=\">=3.8\",\n    install_requires=[\n        \"rich>=13\",\n    ],\n)\n");

        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit: false);
        var manifests = PythonManifests.Of(snapshot).ToDictionary(m => m.Path);

        var requirements = manifests["requirements.txt"];
        Assert.Equal(["flask", "internal-lib"], requirements.Dependencies.Select(d => d.Name));
        Assert.Equal(new PythonDependency("flask", "2.3", false, new Evidence("reqs/prod.in", 1)), requirements.Dependencies[0]);
        Assert.Equal(new Evidence("requirements.txt", 3), requirements.Dependencies[1].Evidence);

        var pipfile = manifests["Pipfile"];
        Assert.Equal([("fastapi", false, 2), ("pytest", true, 5)], pipfile.Dependencies.Select(d => (d.Name, d.Dev, d.Evidence.Line)));
        Assert.Equal(("3.11", 8), (pipfile.RequiresPythonVersion, pipfile.RequiresPython!.Line));

        var cfg = manifests["setup.cfg"];
        Assert.Equal([("requests", 7), ("click", 8)], cfg.Dependencies.Select(d => (d.Name, d.Evidence.Line)));
        Assert.Equal(">=3.9", cfg.RequiresPythonVersion);

        var setup = manifests["setup.py"];
        Assert.Equal([("rich", 7)], setup.Dependencies.Select(d => (d.Name, d.Evidence.Line)));
        Assert.Equal((">=3.8", 5), (setup.RequiresPythonVersion, setup.RequiresPython!.Line));
    }

    [Fact]
    public void A_monorepo_has_a_Django_service_a_Celery_worker_and_a_front_end_and_libraries_are_not_parts()
    {
        using var repo = TestRepository.Create();
        repo.Write("backend/manage.py", "")
            .Write("backend/requirements.txt", "django==5.0\n")
            .Write("backend/shop/views.py", "from django.http import HttpResponse\n")
            .Write("worker/pyproject.toml", "[project]\nname = \"jobs\"\ndependencies = [\"celery[redis]>=5.3\"]\n")
            .Write("worker/jobs/tasks.py", "from celery import shared_task\n")
            .Write("libs/common/pyproject.toml", "[project]\nname = \"common\"\ndependencies = [\"pydantic>=2\"]\n\n[build-system]\nrequires = [\"hatchling\"]\n")
            .Write("frontend/package.json", "{\"name\": \"web\", \"dependencies\": {\"react\": \"18.0.0\"}, \"scripts\": {\"dev\": \"vite\"}}");

        var facts = Extract(repo);

        Assert.Equal(
            [("backend", "backend", "service"), ("frontend", "web", "web"), ("worker", "jobs", "worker")],
            facts.Parts.Select(p => (p.Path, p.Name, p.Kind)));
        Assert.Equal(["django"], Part(facts, "backend").List(FactKeys.Frameworks));
        Assert.Equal(["celery"], Part(facts, "worker").List(FactKeys.BackgroundJobs));
        Assert.Empty(Part(facts, "backend").List(FactKeys.BackgroundJobs));
    }
}
