using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.StackFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// JVM facts, on fixture repositories shaped after real applications (spring-projects/spring-petclinic,
/// jhipster/jhipster-sample-app, gothinkster/spring-boot-realworld-example-app, mixitconf/mixit,
/// spring-petclinic/spring-petclinic-microservices).
/// </summary>
public class JavaFactsTests
{
    private const string Pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>

          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>3.4.1</version>
          </parent>

          <groupId>com.example</groupId>
          <artifactId>orders</artifactId>
          <version>0.0.1-SNAPSHOT</version>

          <properties>
            <java.version>21</java.version>
            <sentry.version>7.19.0</sentry.version>
          </properties>

          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-actuator</artifactId>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-security</artifactId>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-oauth2-resource-server</artifactId>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-data-redis</artifactId>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-quartz</artifactId>
            </dependency>
            <dependency>
              <groupId>org.flywaydb</groupId>
              <artifactId>flyway-core</artifactId>
            </dependency>
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
              <scope>runtime</scope>
            </dependency>
            <dependency>
              <groupId>io.micrometer</groupId>
              <artifactId>micrometer-registry-prometheus</artifactId>
            </dependency>
            <dependency>
              <groupId>io.sentry</groupId>
              <artifactId>sentry-spring-boot-starter-jakarta</artifactId>
              <version>${sentry.version}</version>
            </dependency>
            <dependency>
              <groupId>com.bucket4j</groupId>
              <artifactId>bucket4j_jdk17-core</artifactId>
              <version>8.14.0</version>
            </dependency>
            <dependency>
              <groupId>software.amazon.awssdk</groupId>
              <artifactId>s3</artifactId>
              <version>2.29.0</version>
            </dependency>
            <!--
            <dependency>
              <groupId>org.liquibase</groupId>
              <artifactId>liquibase-core</artifactId>
            </dependency>
            -->
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-devtools</artifactId>
              <optional>true</optional>
            </dependency>
            <dependency>
              <groupId>com.h2database</groupId>
              <artifactId>h2</artifactId>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-test</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>

          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>com.datadoghq</groupId>
                <artifactId>dd-trace-api</artifactId>
                <version>1.44.0</version>
              </dependency>
            </dependencies>
          </dependencyManagement>

          <build>
            <plugins>
              <plugin>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-maven-plugin</artifactId>
              </plugin>
            </plugins>
          </build>
        </project>
        """;

    private const string Application = """"
        package com.example.orders;

        import org.springframework.boot.SpringApplication;
        import org.springframework.boot.autoconfigure.SpringBootApplication;

        @SpringBootApplication
        public class OrdersApplication {
            private static final String BANNER = """
                System.out.println("inside a text block");
                """;

            public static void main(String[] args) {
                // System.out.println("a comment");
                System.out.println("starting orders");
                SpringApplication.run(OrdersApplication.class, args);
            }
        }
        """";

    private const string SecurityConfig = """
        package com.example.orders.config;

        @Configuration
        public class SecurityConfig {
            @Bean
            SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
                http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                    .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'")))
                    .requiresChannel(c -> c.anyRequest().requiresSecure());
                return http.build();
            }

            @Bean
            CorsConfigurationSource cors() {
                var configuration = new CorsConfiguration();
                configuration.setAllowedOrigins(List.of("https://shop.example.com"));
                return request -> configuration;
            }
        }
        """;

    private const string RateLimitFilter = """
        package com.example.orders.web;

        public class RateLimitFilter extends OncePerRequestFilter {
            private final Bucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(100).refillGreedy(100, Duration.ofMinutes(1)))
                .build();
        }
        """;

    private const string ReceiptStore = """
        package com.example.orders.storage;

        import software.amazon.awssdk.services.s3.S3Client;

        public class ReceiptStore {
        }
        """;

    private const string ApplicationYml = """
        spring:
          application:
            name: orders
        management:
          endpoints:
            web:
              exposure:
                include: health,info,prometheus
          endpoint:
            health:
              probes:
                enabled: true
        sentry:
          dsn: ${SENTRY_DSN:}
          traces-sample-rate: 0.2
        logging:
          structured:
            format:
              console: ecs
        ---
        spring:
          config:
            activate:
              on-profile: dev
        management:
          endpoints:
            web:
              base-path: /dev-management
        """;

    private const string Logback = """
        <configuration>
          <include resource="org/springframework/boot/logging/logback/base.xml"/>
          <!--
          <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
            <encoder class="net.logstash.logback.encoder.LogstashEncoder"/>
          </appender>
          -->
        </configuration>
        """;

    private static TestRepository MavenService()
    {
        var repo = TestRepository.Create();
        repo.Write("pom.xml", Pom)
            .Write(".mvn/wrapper/maven-wrapper.properties", "wrapperVersion=3.3.2\ndistributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.9/apache-maven-3.9.9-bin.zip\n")
            .Write("mvnw", "#!/bin/sh\n")
            .Write("src/main/java/com/example/orders/OrdersApplication.java", Application)
            .Write("src/main/java/com/example/orders/config/SecurityConfig.java", SecurityConfig)
            .Write("src/main/java/com/example/orders/web/RateLimitFilter.java", RateLimitFilter)
            .Write("src/main/java/com/example/orders/storage/ReceiptStore.java", ReceiptStore)
            .Write("src/main/resources/application.yml", ApplicationYml)
            .Write("src/main/resources/application-dev.yml", "management:\n  endpoint:\n    health:\n      enabled: false\n")
            .Write("src/main/resources/logback-spring.xml", Logback)
            .Write("src/main/resources/db/migration/V1__create_orders.sql", "create table orders (id bigint primary key);\n")
            .Write("src/main/resources/db/migration/V2__add_status.sql", "alter table orders add column status text;\n")
            .Write("src/main/resources/db/migration/V2_1__index_status.sql", "create index on orders (status);\n")
            .Write("src/main/resources/db/migration/R__order_view.sql", "create or replace view order_view as select * from orders;\n")
            .Write("src/test/java/com/example/orders/OrdersApplicationTests.java", "package com.example.orders;\n\nimport org.junit.jupiter.api.Test;\n\n@SpringBootTest\nclass OrdersApplicationTests {\n    @Test\n    void contextLoads() {\n    }\n}\n")
            .Write("src/test/java/com/example/orders/OrderControllerIT.java", "package com.example.orders;\n\nimport org.junit.jupiter.api.Test;\n\nclass OrderControllerIT {\n    @Test\n    void createsAnOrder() {\n    }\n}\n")
            .Write("src/test/java/com/example/orders/TestcontainersConfiguration.java", "package com.example.orders;\n\n@TestConfiguration\nclass TestcontainersConfiguration {\n}\n");
        return repo;
    }

    private static Evidence At(string path, string text, string needle)
    {
        var line = TextLines.Find(text, needle);
        Assert.True(line > 0, $"'{needle}' is not in {path}");
        return new Evidence(path, line);
    }

    /// <summary>A Maven dependency is found at its `<dependency>` line, two above its artifactId.</summary>
    private static Evidence PomLine(string artifact) => new("pom.xml", At("pom.xml", Pom, $"<artifactId>{artifact}</artifactId>").Line - 2);

    [Fact]
    public void Maven_spring_boot_service_tells_its_stack_with_the_wrapper_version_and_java_pin()
    {
        using var repo = MavenService();

        var facts = ReadFacts(repo);

        var part = Assert.Single(facts.Parts);
        Assert.Equal((".", "orders", "service"), (part.Path, part.Name, part.Kind));
        var app = part.Facts;
        Assert.Equal(["java"], app.List(FactKeys.Languages));
        Assert.Equal(["spring-boot"], app.List(FactKeys.Frameworks));
        Assert.Equal([At("pom.xml", Pom, "<parent>")], app.EvidenceOf(FactKeys.Frameworks, "spring-boot"));
        Assert.Equal("3.9.9", facts.Repository.Map(FactKeys.PackageManagers)["maven"]);
        Assert.Equal([new Evidence(".mvn/wrapper/maven-wrapper.properties", 2), new Evidence("mvnw", 0), new Evidence("pom.xml", 0)], facts.Repository.EvidenceOf(FactKeys.PackageManagers, "maven"));
        Assert.Equal("21", facts.Repository.Map(FactKeys.Runtimes)["java"]);
        Assert.Equal([At("pom.xml", Pom, "<java.version>")], facts.Repository.EvidenceOf(FactKeys.Runtimes));
    }

    [Fact]
    public void Maven_spring_boot_service_tells_its_monitoring_security_database_and_scaling_facts_with_their_lines()
    {
        using var repo = MavenService();

        var app = PartAt(ReadFacts(repo), ".");

        const string yml = "src/main/resources/application.yml";
        // The actuator serves /actuator/health; the dev profile's base path and its switch-off do not apply.
        Assert.True(app.Bool(FactKeys.HealthEndpoint));
        Assert.Equal(["/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"], app.List(FactKeys.HealthRoutes));
        Assert.Equal([PomLine("spring-boot-starter-actuator")], app.EvidenceOf(FactKeys.HealthRoutes, "/actuator/health"));
        Assert.Equal([At(yml, ApplicationYml, "enabled: true")], app.EvidenceOf(FactKeys.HealthRoutes, "/actuator/health/liveness"));

        Assert.Equal(["micrometer", "prometheus"], app.List(FactKeys.Metrics));
        Assert.Equal([PomLine("micrometer-registry-prometheus")], app.EvidenceOf(FactKeys.Metrics, "prometheus"));
        Assert.Equal([PomLine("micrometer-registry-prometheus")], app.EvidenceOf(FactKeys.Metrics, "micrometer"));
        Assert.Equal(["sentry"], app.List(FactKeys.ErrorTracking));
        Assert.Equal([PomLine("sentry-spring-boot-starter-jakarta")], app.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", app.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([At(yml, ApplicationYml, "dsn:")], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        Assert.Empty(app.List(FactKeys.Tracing)); // dd-trace-api is only managed, never depended on
        Assert.Equal(["logback"], app.List(FactKeys.StructuredLogging));
        Assert.Equal([new Evidence("src/main/resources/logback-spring.xml", 1)], app.EvidenceOf(FactKeys.StructuredLogging, "logback"));
        Assert.True(app.Bool(FactKeys.StructuredOutput));
        Assert.Equal([At(yml, ApplicationYml, "console: ecs")], app.EvidenceOf(FactKeys.StructuredOutput));
        Assert.Equal(1, app.Number(FactKeys.ConsoleLogCalls));
        const string main = "src/main/java/com/example/orders/OrdersApplication.java";
        Assert.Equal([At(main, Application, "System.out.println(\"starting")], app.EvidenceOf(FactKeys.ConsoleLogCalls));

        const string security = "src/main/java/com/example/orders/config/SecurityConfig.java";
        Assert.Equal(["csp", "spring-security"], app.List(FactKeys.SecurityHeaders));
        Assert.Equal([PomLine("spring-boot-starter-security")], app.EvidenceOf(FactKeys.SecurityHeaders, "spring-security"));
        Assert.Equal([At(security, SecurityConfig, "contentSecurityPolicy")], app.EvidenceOf(FactKeys.SecurityHeaders, "csp"));
        Assert.True(app.Bool(FactKeys.HttpsEnforced));
        Assert.Equal([At(security, SecurityConfig, "requiresChannel")], app.EvidenceOf(FactKeys.HttpsEnforced));
        Assert.Equal(["jwt"], app.List(FactKeys.Auth));
        Assert.Equal([At(security, SecurityConfig, "o.jwt(")], app.EvidenceOf(FactKeys.Auth, "jwt"));
        Assert.True(app.Bool(FactKeys.CorsConfigured));
        Assert.False(app.Bool(FactKeys.CorsPermissive));
        Assert.Equal([At(security, SecurityConfig, "setAllowedOrigins")], app.EvidenceOf(FactKeys.CorsConfigured));
        Assert.True(app.Bool(FactKeys.RateLimiting));
        Assert.Equal([At("src/main/java/com/example/orders/web/RateLimitFilter.java", RateLimitFilter, "Bucket.builder")], app.EvidenceOf(FactKeys.RateLimiting));

        // V1, V2 and V2_1 are versioned migrations; R__ is repeatable and the commented-out Liquibase is not there.
        Assert.Equal(["flyway"], app.List(FactKeys.MigrationTools));
        Assert.Equal(3, app.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("src/main/resources/db/migration/V1__create_orders.sql", 0), new Evidence("src/main/resources/db/migration/V2__add_status.sql", 0)], app.EvidenceOf(FactKeys.MigrationCount));
        Assert.Equal(["postgres"], app.List(FactKeys.DatabaseEngines));
        Assert.Equal([PomLine("postgresql")], app.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));

        Assert.Equal(["redis"], app.List(FactKeys.Cache));
        Assert.Equal([PomLine("spring-boot-starter-data-redis")], app.EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Equal(["quartz"], app.List(FactKeys.BackgroundJobs));
        Assert.Equal([PomLine("spring-boot-starter-quartz")], app.EvidenceOf(FactKeys.BackgroundJobs, "quartz"));
        Assert.Equal(["s3"], app.List(FactKeys.ObjectStorage));
        Assert.Equal([At("src/main/java/com/example/orders/storage/ReceiptStore.java", ReceiptStore, "import software")], app.EvidenceOf(FactKeys.ObjectStorage, "s3"));
    }

    [Fact]
    public void Spring_boot_applies_flyway_at_start_and_junit_tests_are_counted_but_helpers_are_not()
    {
        using var repo = MavenService();

        var facts = ReadFacts(repo);

        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([PomLine("flyway-core")], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt));
        var app = PartAt(facts, ".");
        Assert.Equal(2, app.Number(FactKeys.TestFiles));
        Assert.Equal(
            [new Evidence("src/test/java/com/example/orders/OrderControllerIT.java", 0), new Evidence("src/test/java/com/example/orders/OrdersApplicationTests.java", 0)],
            app.EvidenceOf(FactKeys.TestFiles));
        Assert.Equal(["junit"], app.List(FactKeys.TestFrameworks));
        Assert.Equal(app.EvidenceOf(FactKeys.TestFiles), app.EvidenceOf(FactKeys.TestFrameworks, "junit"));
    }

    private const string Catalog = """
        [versions]
        spring-boot = "3.3.5"
        sentry = "7.14.0"

        [libraries]
        spring-boot-starter-web = { module = "org.springframework.boot:spring-boot-starter-web" }
        spring-boot-starter-actuator = { module = "org.springframework.boot:spring-boot-starter-actuator" }
        spring-boot-starter-amqp = { module = "org.springframework.boot:spring-boot-starter-amqp" }
        sentry = { module = "io.sentry:sentry", version.ref = "sentry" }
        liquibase-core = { group = "org.liquibase", name = "liquibase-core" }
        postgresql = "org.postgresql:postgresql:42.7.4"

        [plugins]
        spring-boot = { id = "org.springframework.boot", version.ref = "spring-boot" }
        """;

    private const string ApiBuild = """
        plugins {
            alias(libs.plugins.spring.boot)
            kotlin("jvm")
            kotlin("plugin.spring")
        }

        kotlin {
            jvmToolchain(21)
        }

        dependencies {
            implementation(project(":core"))
            implementation(libs.spring.boot.starter.web)
            implementation(libs.spring.boot.starter.actuator)
            // implementation("io.micrometer:micrometer-registry-prometheus")
            testImplementation("org.springframework.boot:spring-boot-starter-test")
        }
        """;

    private const string CoreBuild = """
        plugins {
            `java-library`
        }

        dependencies {
            api(libs.sentry)
            implementation(libs.liquibase.core)
            runtimeOnly(libs.postgresql)
        }
        """;

    private const string WorkerBuild = """
        plugins {
            java
            alias(libs.plugins.spring.boot)
        }

        java {
            toolchain {
                languageVersion.set(JavaLanguageVersion.of(17))
            }
        }

        dependencies {
            implementation(libs.spring.boot.starter.amqp)
        }
        """;

    private const string ApiApplication = """"
        package shop.api

        import io.sentry.Sentry
        import org.springframework.boot.autoconfigure.SpringBootApplication
        import org.springframework.boot.runApplication

        /* A block comment /* nested */ println("still a comment") */
        @SpringBootApplication
        class ApiApplication

        fun main(args: Array<String>) {
            Sentry.init { options -> options.dsn = System.getenv("SENTRY_DSN") }
            val help = """println("${args.size}")"""
            println("api starting")
            runApplication<ApiApplication>(*args)
        }
        """";

    private const string Changelog = """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: shop
              changes:
                - createTable:
                    tableName: orders
          - changeSet:
              id: 2
              author: shop
              changes:
                - addColumn:
                    tableName: orders
        """;

    private static TestRepository GradleMonorepo()
    {
        var repo = TestRepository.Create();
        repo.Write("settings.gradle.kts", "rootProject.name = \"shop\"\n\ninclude(\"api\", \"core\", \"worker\")\n")
            .Write("build.gradle.kts", "plugins {\n    alias(libs.plugins.spring.boot) apply false\n    kotlin(\"jvm\") version \"2.0.21\" apply false\n}\n")
            .Write("gradle/libs.versions.toml", Catalog)
            .Write("gradle/wrapper/gradle-wrapper.properties", "distributionBase=GRADLE_USER_HOME\ndistributionUrl=https\\://services.gradle.org/distributions/gradle-8.10.2-bin.zip\n")
            .Write("gradlew", "#!/bin/sh\n")
            .Write("api/build.gradle.kts", ApiBuild)
            .Write("api/src/main/kotlin/shop/api/ApiApplication.kt", ApiApplication)
            .Write("api/src/test/kotlin/shop/api/ApiApplicationTests.kt", "package shop.api\n\nimport org.junit.jupiter.api.Test\n\nclass ApiApplicationTests {\n    @Test\n    fun contextLoads() {\n    }\n}\n")
            .Write("core/build.gradle.kts", CoreBuild)
            .Write("core/src/main/java/shop/core/Orders.java", "package shop.core;\n\n// @SpringBootApplication in a comment does not make a library an application\npublic class Orders {\n}\n")
            .Write("core/src/main/resources/db/changelog/db.changelog-master.yaml", Changelog)
            .Write("worker/build.gradle.kts", WorkerBuild)
            .Write("worker/src/main/java/shop/worker/WorkerApplication.java", "package shop.worker;\n\n@SpringBootApplication\npublic class WorkerApplication {\n    public static void main(String[] args) {\n        SpringApplication.run(WorkerApplication.class, args);\n    }\n}\n");
        return repo;
    }

    [Fact]
    public void Gradle_monorepo_parts_are_the_applications_and_a_library_module_is_not_one()
    {
        using var repo = GradleMonorepo();

        var facts = ReadFacts(repo);

        Assert.Equal(["api", "worker"], facts.Parts.Select(p => p.Path));
        Assert.Equal("service", KindOf(facts, "api"));
        Assert.Equal("worker", KindOf(facts, "worker"));
        Assert.Equal(["kotlin"], PartAt(facts, "api").List(FactKeys.Languages));
        Assert.Equal(["java"], PartAt(facts, "worker").List(FactKeys.Languages));
        Assert.Equal(["spring-boot"], PartAt(facts, "api").List(FactKeys.Frameworks));
        Assert.Equal([At("api/build.gradle.kts", ApiBuild, "alias(libs.plugins.spring.boot)")], PartAt(facts, "api").EvidenceOf(FactKeys.Frameworks, "spring-boot"));
        Assert.Equal("8.10.2", facts.Repository.Map(FactKeys.PackageManagers)["gradle"]);
        Assert.Contains(new Evidence("api/build.gradle.kts", 0), facts.Repository.EvidenceOf(FactKeys.PackageManagers, "gradle"));
        var pins = facts.Repository.Objects(FactKeys.RuntimeSources).Select(o => (o["version"]!.GetValue<string>(), o["path"]!.GetValue<string>(), o["line"]!.GetValue<int>())).ToList();
        Assert.Contains(("21", "api/build.gradle.kts", At("api/build.gradle.kts", ApiBuild, "jvmToolchain").Line), pins);
        Assert.Contains(("17", "worker/build.gradle.kts", At("worker/build.gradle.kts", WorkerBuild, "JavaLanguageVersion").Line), pins);
    }

    [Fact]
    public void A_library_modules_facts_go_to_the_applications_that_use_it()
    {
        using var repo = GradleMonorepo();

        var facts = ReadFacts(repo);
        var api = PartAt(facts, "api");
        var worker = PartAt(facts, "worker");

        const string main = "api/src/main/kotlin/shop/api/ApiApplication.kt";
        // Sentry is declared by core, initialised by api.
        Assert.Equal(["sentry"], api.List(FactKeys.ErrorTracking));
        Assert.Equal([At(main, ApiApplication, "Sentry.init")], api.EvidenceOf(FactKeys.ErrorTracking, "sentry"));
        Assert.Equal("dependency,init,dsn", api.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([At(main, ApiApplication, "options.dsn")], api.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        Assert.Equal(["liquibase"], api.List(FactKeys.MigrationTools));
        Assert.Equal(2, api.Number(FactKeys.MigrationCount));
        Assert.Equal([new Evidence("core/src/main/resources/db/changelog/db.changelog-master.yaml", 0)], api.EvidenceOf(FactKeys.MigrationCount));
        Assert.Equal(["postgres"], api.List(FactKeys.DatabaseEngines));
        Assert.Equal([At("core/build.gradle.kts", CoreBuild, "libs.postgresql")], api.EvidenceOf(FactKeys.DatabaseEngines, "postgres"));
        Assert.Equal(["/actuator/health"], api.List(FactKeys.HealthRoutes));
        Assert.Equal([At("api/build.gradle.kts", ApiBuild, "starter.actuator")], api.EvidenceOf(FactKeys.HealthRoutes, "/actuator/health"));
        Assert.Equal(["start"], facts.Repository.List(FactKeys.MigrationsAppliedAt));
        Assert.Equal([At("core/build.gradle.kts", CoreBuild, "liquibase")], facts.Repository.EvidenceOf(FactKeys.MigrationsAppliedAt));
        Assert.Empty(api.List(FactKeys.Metrics)); // the Prometheus registry is commented out
        // println in a raw string and in a nested block comment are not calls.
        Assert.Equal(1, api.Number(FactKeys.ConsoleLogCalls));
        Assert.Equal([At(main, ApiApplication, "println(\"api starting")], api.EvidenceOf(FactKeys.ConsoleLogCalls));
        Assert.Equal(1, api.Number(FactKeys.TestFiles));
        Assert.Equal(["junit"], api.List(FactKeys.TestFrameworks));

        Assert.Empty(worker.List(FactKeys.ErrorTracking));
        Assert.Empty(worker.List(FactKeys.MigrationTools));
        Assert.False(worker.Bool(FactKeys.HealthEndpoint));
    }

    private const string RealworldBuild = """
        plugins {
            id 'org.springframework.boot' version '2.6.3'
            id 'io.spring.dependency-management' version '1.0.11.RELEASE'
            id 'java'
        }

        sourceCompatibility = '11'

        dependencies {
            implementation 'org.springframework.boot:spring-boot-starter-web'
            implementation 'org.springframework.boot:spring-boot-starter-security'
            implementation 'org.flywaydb:flyway-core'
            implementation 'io.jsonwebtoken:jjwt-api:0.11.2'
            runtimeOnly 'io.jsonwebtoken:jjwt-impl:0.11.2',
                        'io.jsonwebtoken:jjwt-jackson:0.11.2'
            implementation 'org.xerial:sqlite-jdbc:3.36.0.3'
            compileOnly 'org.projectlombok:lombok'
            testImplementation 'org.springframework.boot:spring-boot-starter-test'
        }
        """;

    private const string WebSecurityConfig = """
        package io.spring.api.security;

        @EnableWebSecurity
        public class WebSecurityConfig {
          @Bean
          public SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
            http.csrf().disable().headers().frameOptions().disable();
            return http.build();
          }

          @Bean
          public CorsConfigurationSource corsConfigurationSource() {
            final CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(asList("*"));
            return source;
          }
        }
        """;

    [Fact]
    public void A_module_that_shows_spring_boot_by_its_maven_plugin_alone_is_spring_boot_and_does_not_stop_the_audit()
    {
        // PowerJob and fineract: a module whose only Spring Boot sign is spring-boot-maven-plugin (its dependencies
        // come from elsewhere) made the audit fail with "Sequence contains no matching element".
        const string pom = """
            <project>
              <groupId>tech.example</groupId>
              <artifactId>jobs-server</artifactId>
              <dependencies>
                <dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId></dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin>
                </plugins>
              </build>
            </project>
            """;
        using var repo = TestRepository.Create();
        repo.Write("pom.xml", pom)
            .Write("src/main/java/tech/example/JobsServer.java", "package tech.example;\n\n@SpringBootApplication\npublic class JobsServer {\n}\n");

        var facts = ReadFacts(repo);

        Assert.Contains("spring-boot", facts.Parts.SelectMany(p => p.Facts.List(FactKeys.Frameworks)).Concat(facts.Repository.List(FactKeys.Frameworks)));
    }

    [Fact]
    public void Groovy_gradle_build_with_multi_line_dependencies_jjwt_and_a_wildcard_cors_origin()
    {
        using var repo = TestRepository.Create();
        repo.Write("build.gradle", RealworldBuild)
            .Write("settings.gradle", "rootProject.name = 'realworld'\n")
            .Write("src/main/java/io/spring/RealWorldApplication.java", "package io.spring;\n\n@SpringBootApplication\npublic class RealWorldApplication {\n}\n")
            .Write("src/main/java/io/spring/api/security/WebSecurityConfig.java", WebSecurityConfig)
            .Write("src/main/java/io/spring/infrastructure/service/DefaultJwtService.java", "package io.spring.infrastructure.service;\n\npublic class DefaultJwtService {\n  public String toToken(User user) {\n    return Jwts.builder().setSubject(user.getId()).compact();\n  }\n}\n")
            .Write("src/main/java/io/spring/api/ArticlesApi.java", "package io.spring.api;\n\n@CrossOrigin\n@RestController\npublic class ArticlesApi {\n}\n")
            .Write("src/main/resources/db/migration/V1__create_tables.sql", "create table users (id varchar(255) primary key);\n");

        var facts = ReadFacts(repo);
        var app = PartAt(facts, ".");

        Assert.Equal(("realworld", "service"), (facts.Parts[0].Name, facts.Parts[0].Kind));
        Assert.Equal("11", facts.Repository.Map(FactKeys.Runtimes)["java"]);
        Assert.Equal([At("build.gradle", RealworldBuild, "sourceCompatibility")], facts.Repository.EvidenceOf(FactKeys.Runtimes));
        Assert.Null(facts.Repository.Map(FactKeys.PackageManagers)["gradle"]);
        Assert.Equal(["jwt"], app.List(FactKeys.Auth));
        Assert.Equal([new Evidence("src/main/java/io/spring/infrastructure/service/DefaultJwtService.java", 5)], app.EvidenceOf(FactKeys.Auth, "jwt"));
        // Turning frame options off leaves Spring Security's other headers on.
        Assert.Equal(["spring-security"], app.List(FactKeys.SecurityHeaders));
        Assert.True(app.Bool(FactKeys.CorsPermissive));
        Assert.False(app.Bool(FactKeys.CorsConfigured));
        Assert.Equal(
            [new Evidence("src/main/java/io/spring/api/ArticlesApi.java", 3), At("src/main/java/io/spring/api/security/WebSecurityConfig.java", WebSecurityConfig, "setAllowedOrigins")],
            app.EvidenceOf(FactKeys.CorsPermissive));
        Assert.Equal(["sqlite"], app.List(FactKeys.DatabaseEngines));
        Assert.Equal([At("build.gradle", RealworldBuild, "sqlite-jdbc")], app.EvidenceOf(FactKeys.DatabaseEngines, "sqlite"));
        Assert.Equal(["flyway"], app.List(FactKeys.MigrationTools));
        Assert.Equal(1, app.Number(FactKeys.MigrationCount));
        Assert.False(app.Bool(FactKeys.HealthEndpoint));
    }

    [Fact]
    public void Headers_turned_off_are_not_spring_securitys_headers_and_an_unwired_sdk_is_not_listed()
    {
        using var repo = TestRepository.Create();
        repo.Write("pom.xml", """
                <project>
                  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent>
                  <artifactId>api</artifactId>
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>
                    <dependency><groupId>io.sentry</groupId><artifactId>sentry</artifactId><version>7.0.0</version></dependency>
                    <dependency><groupId>io.github.resilience4j</groupId><artifactId>resilience4j-spring-boot3</artifactId><version>2.2.0</version></dependency>
                  </dependencies>
                </project>
                """)
            .Write("src/main/java/demo/Api.java", """
                package demo;

                @SpringBootApplication
                public class Api {
                    SecurityFilterChain chain(HttpSecurity http) throws Exception {
                        return http.headers(AbstractHttpConfigurer::disable).build();
                    }
                    // Sentry.init(options -> options.setDsn("https://key@sentry.io/1"));
                    String note = "Sentry.init(o -> {})";
                    @CircuitBreaker(name = "backend")
                    String call() { return ""; }
                }
                """);

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Empty(app.List(FactKeys.SecurityHeaders));
        Assert.Empty(app.List(FactKeys.ErrorTracking));
        Assert.Equal("dependency", app.Map(FactKeys.ErrorTrackingWiring)["sentry"]);
        Assert.Equal([new Evidence("pom.xml", 7)], app.EvidenceOf(FactKeys.ErrorTrackingWiring, "sentry"));
        // resilience4j is there for a circuit breaker, not a rate limiter.
        Assert.False(app.Bool(FactKeys.RateLimiting));
    }

    private const string RootPom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <parent>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-starter-parent</artifactId>
                <version>3.2.0</version>
            </parent>
            <groupId>org.springframework.samples</groupId>
            <artifactId>petclinic-microservices</artifactId>
            <packaging>pom</packaging>
            <modules>
                <module>customers-service</module>
                <module>api-gateway</module>
                <module>shared</module>
            </modules>
            <properties>
                <java.version>17</java.version>
            </properties>
        </project>
        """;

    private static string ModulePom(string artifact, params string[] dependencies) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <parent>
                <groupId>org.springframework.samples</groupId>
                <artifactId>petclinic-microservices</artifactId>
                <version>3.2.0</version>
            </parent>
            <artifactId>{artifact}</artifactId>
            <dependencies>
        {string.Concat(dependencies.Select(d => $"        <dependency><groupId>{d.Split(':')[0]}</groupId><artifactId>{d.Split(':')[1]}</artifactId></dependency>\n"))}    </dependencies>
        </project>
        """;

    private const string GatewayYml = """
        spring:
          cloud:
            gateway:
              routes:
                - id: customers-service
                  uri: lb://customers-service
                  filters:
                    - StripPrefix=2
                    - name: RequestRateLimiter
                      args:
                        redis-rate-limiter.replenishRate: 10
        """;

    [Fact]
    public void Maven_multi_module_services_inherit_the_parent_and_the_aggregator_is_not_a_part()
    {
        using var repo = TestRepository.Create();
        repo.Write("pom.xml", RootPom)
            .Write("customers-service/pom.xml", ModulePom("customers-service", "org.springframework.boot:spring-boot-starter-web", "org.springframework.boot:spring-boot-starter-actuator", "io.micrometer:micrometer-registry-prometheus", "org.springframework.boot:spring-boot-starter-zipkin", "org.springframework.samples:shared"))
            .Write("customers-service/src/main/java/org/springframework/samples/petclinic/customers/CustomersServiceApplication.java", "package org.springframework.samples.petclinic.customers;\n\n@SpringBootApplication\npublic class CustomersServiceApplication {\n}\n")
            .Write("api-gateway/pom.xml", ModulePom("api-gateway", "org.springframework.cloud:spring-cloud-starter-gateway", "org.springframework.boot:spring-boot-starter-actuator"))
            .Write("api-gateway/src/main/java/org/springframework/samples/petclinic/api/ApiGatewayApplication.java", "package org.springframework.samples.petclinic.api;\n\n@SpringBootApplication\npublic class ApiGatewayApplication {\n}\n")
            .Write("api-gateway/src/main/resources/application.yml", GatewayYml)
            .Write("shared/pom.xml", ModulePom("shared", "org.springframework.boot:spring-boot-starter-data-redis"))
            .Write("shared/src/main/java/org/springframework/samples/petclinic/shared/Cache.java", "package org.springframework.samples.petclinic.shared;\n\npublic class Cache {\n}\n");

        var facts = ReadFacts(repo);

        Assert.Equal(["api-gateway", "customers-service"], facts.Parts.Select(p => p.Path));
        Assert.All(facts.Parts, p => Assert.Equal("service", p.Kind));
        var customers = PartAt(facts, "customers-service");
        var gateway = PartAt(facts, "api-gateway");
        Assert.Equal(["spring-boot"], customers.List(FactKeys.Frameworks));
        Assert.Equal([new Evidence("customers-service/pom.xml", 0)], customers.EvidenceOf(FactKeys.Frameworks, "spring-boot"));
        Assert.Equal("17", facts.Repository.Map(FactKeys.Runtimes)["java"]);
        Assert.Equal([new Evidence("pom.xml", 18)], facts.Repository.EvidenceOf(FactKeys.Runtimes));
        Assert.Equal(["micrometer", "prometheus"], customers.List(FactKeys.Metrics));
        Assert.Equal(["zipkin"], customers.List(FactKeys.Tracing));
        Assert.Equal(["redis"], customers.List(FactKeys.Cache));
        Assert.Equal([new Evidence("shared/pom.xml", 11)], customers.EvidenceOf(FactKeys.Cache, "redis"));
        Assert.Empty(gateway.List(FactKeys.Cache));
        Assert.True(gateway.Bool(FactKeys.RateLimiting));
        Assert.Equal([At("api-gateway/src/main/resources/application.yml", GatewayYml, "RequestRateLimiter")], gateway.EvidenceOf(FactKeys.RateLimiting));
        Assert.False(customers.Bool(FactKeys.RateLimiting));
        Assert.Equal(["/actuator/health"], gateway.List(FactKeys.HealthRoutes));
    }

    [Fact]
    public void Java_agents_attached_in_a_dockerfile_are_tracing()
    {
        using var repo = TestRepository.Create();
        repo.Write("pom.xml", "<project><artifactId>app</artifactId></project>\n")
            .Write("Dockerfile", "FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\n# ENTRYPOINT [\"java\", \"-javaagent:/dd-java-agent.jar\"]\nENTRYPOINT [\"java\", \"-javaagent:/otel/opentelemetry-javaagent.jar\", \"-jar\", \"/app.jar\"]\n");

        var facts = ReadFacts(repo);

        Assert.Equal(["opentelemetry"], facts.Repository.List(FactKeys.Tracing));
        Assert.Equal([new Evidence("Dockerfile", 4)], facts.Repository.EvidenceOf(FactKeys.Tracing, "opentelemetry"));
    }

    [Fact]
    public void Dependencies_declared_in_a_parent_pom_or_a_subprojects_block_are_the_childrens()
    {
        using var repo = TestRepository.Create();
        repo.Write("pom.xml", """
                <project>
                  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>
                  <groupId>com.macro.mall</groupId>
                  <artifactId>mall</artifactId>
                  <packaging>pom</packaging>
                  <modules><module>mall-admin</module><module>mall-common</module></modules>
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency>
                  </dependencies>
                </project>
                """)
            .Write("mall-common/pom.xml", """
                <project>
                  <parent><groupId>com.macro.mall</groupId><artifactId>mall</artifactId><version>1.0</version></parent>
                  <artifactId>mall-common</artifactId>
                  <dependencies>
                    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
                  </dependencies>
                </project>
                """)
            .Write("mall-admin/pom.xml", """
                <project>
                  <parent><groupId>com.macro.mall</groupId><artifactId>mall</artifactId><version>1.0</version></parent>
                  <artifactId>mall-admin</artifactId>
                  <dependencies>
                    <dependency><groupId>com.macro.mall</groupId><artifactId>mall-common</artifactId></dependency>
                  </dependencies>
                </project>
                """)
            .Write("mall-admin/src/main/java/com/macro/mall/MallAdminApplication.java", "package com.macro.mall;\n\n@SpringBootApplication\npublic class MallAdminApplication {\n}\n")
            .Write("worker/settings.gradle", "rootProject.name = 'jobs'\ninclude 'app'\n")
            .Write("worker/build.gradle", "subprojects {\n    dependencies {\n        implementation 'org.springframework.boot:spring-boot-starter-quartz'\n    }\n}\n")
            .Write("worker/app/build.gradle", "plugins {\n    id 'org.springframework.boot' version '3.3.0'\n}\n")
            .Write("worker/app/src/main/java/jobs/Jobs.java", "package jobs;\n\n@SpringBootApplication\npublic class Jobs {\n}\n");

        var facts = ReadFacts(repo);

        // The web starter comes through mall-common, the actuator from the parent.
        Assert.Equal(["mall-admin", "worker/app"], facts.Parts.Select(p => p.Path));
        Assert.Equal("service", KindOf(facts, "mall-admin"));
        Assert.Equal(["/actuator/health"], PartAt(facts, "mall-admin").List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence("pom.xml", 8)], PartAt(facts, "mall-admin").EvidenceOf(FactKeys.HealthRoutes, "/actuator/health"));
        Assert.Equal("worker", KindOf(facts, "worker/app"));
        Assert.Equal(["quartz"], PartAt(facts, "worker/app").List(FactKeys.BackgroundJobs));
        Assert.Equal([new Evidence("worker/build.gradle", 3)], PartAt(facts, "worker/app").EvidenceOf(FactKeys.BackgroundJobs, "quartz"));
    }

    [Theory]
    [InlineData("HealthController.java", "@RestController\npublic class HealthController {\n    @GetMapping(\"/healthz\")\n    String health() { return \"ok\"; }\n}\n", "/healthz")]
    [InlineData("HealthController.java", "@RestController\n@RequestMapping(value = \"/api/health\")\npublic class HealthController {\n}\n", "/api/health")]
    [InlineData("HealthResource.java", "@Path(\"/health\")\npublic class HealthResource {\n}\n", "/health")]
    [InlineData("Routes.kt", "fun Application.routes() {\n    routing {\n        get(\"/ping\") { call.respondText(\"pong\") }\n    }\n}\n", "/ping")]
    [InlineData("Router.kt", "@Bean\nfun routes() = coRouter {\n    GET(\"/ready\") { ok().buildAndAwait() }\n}\n", "/ready")]
    public void Health_routes_mapped_in_code_count(string file, string code, string route)
    {
        using var repo = TestRepository.Create();
        repo.Write("build.gradle.kts", "plugins {\n    kotlin(\"jvm\") version \"2.0.0\"\n}\n")
            .Write($"src/main/kotlin/app/{file}", "package app\n\n" + code)
            .Write("src/main/kotlin/app/Client.kt", "package app\n\nfun check(client: HttpClient) = client.get(\"/status\")\n");

        var app = PartAt(ReadFacts(repo), ".");

        Assert.Equal([route], app.List(FactKeys.HealthRoutes));
        Assert.Equal([new Evidence($"src/main/kotlin/app/{file}", 3 + code.Split('\n').TakeWhile(l => !l.Contains(route, StringComparison.Ordinal)).Count())], app.EvidenceOf(FactKeys.HealthRoutes, route));
    }
}
