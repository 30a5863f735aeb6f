# Shared by the bin/ scripts: find the repository, build a module on first use, print its classpath.
# shellcheck shell=bash

TSTORE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# module_classpath MODULE [SCOPE]: builds MODULE (and what it needs) when its sources changed since the last build,
# then prints the module's classpath of SCOPE (default runtime, plus the provided part a module writes, see below;
# spark-connector needs 'test' to bring Spark, which the module declares 'provided' because a Spark installation
# brings its own; trino-connector needs 'test' for Trino's engine and its shell, which live beside its tests: with
# 'test' the module's test classes come too).
module_classpath() {
  local module="$1"
  local scope="${2:-runtime}"
  local cp_file="$TSTORE_HOME/$module/target/runtime-classpath.txt"
  if [ ! -f "$cp_file" ] || [ -n "$(find "$TSTORE_HOME" -path "$TSTORE_HOME/*/target" -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$cp_file" -print -quit)" ]; then
    echo "Building $module (first use or sources changed)..." >&2
    (cd "$TSTORE_HOME" && ./mvnw -B -q -ntp -pl "$module" -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope="$scope") >&2 \
      || { echo "Build failed: run './mvnw -B -pl $module -am package -DskipTests' to see why." >&2; exit 1; }
    # build-classpath leaves the file alone when the classpath did not change: mark it as fresh.
    touch "$cp_file"
  fi
  local classes="$TSTORE_HOME/$module/target/classes"
  if [ "$scope" = "test" ]; then
    classes="$TSTORE_HOME/$module/target/test-classes:$classes"
  fi
  # A module whose engine is 'provided' (flink-connector: a Flink cluster brings Flink) writes that part of its
  # classpath into target/provided-classpath.txt at package time (its pom.xml); the shell needs it too.
  local provided="$TSTORE_HOME/$module/target/provided-classpath.txt"
  if [ "$scope" != "test" ] && [ -f "$provided" ]; then
    echo "$classes:$(cat "$cp_file"):$(cat "$provided")"
  else
    echo "$classes:$(cat "$cp_file")"
  fi
}

# The JDK 25 java that trino-connector is compiled and tested with, found as the build finds it (pom.xml):
# JDK25_HOME, else /usr/lib/jvm/temurin-25-jdk-*.
jdk25_java() {
  local home
  if [ -n "${JDK25_HOME:-}" ]; then
    home="$JDK25_HOME"
  else
    home="$(ls -d /usr/lib/jvm/temurin-25-jdk-* 2>/dev/null | head -n 1)"
  fi
  if [ -z "$home" ] || [ ! -x "$home/bin/java" ]; then
    echo "[ERROR] Trino needs JDK 25: install Temurin 25 under /usr/lib/jvm or set JDK25_HOME." >&2
    return 1
  fi
  echo "$home/bin/java"
}

# The JVM flags of trino-connector's tests (its pom.xml, test.jvm.args), which Trino 483 needs on JDK 25.
TRINO_JVM_FLAGS=(--add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow
  -XX:+UnlockDiagnosticVMOptions -XX:G1HeapRegionSize=32M --enable-native-access=ALL-UNNAMED)

# The JDK 17 java, unless JAVA_HOME says otherwise.
java_cmd() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# The JVM flags Spark 3.5 needs on JDK 17 (docs/spark.md).
SPARK_JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
