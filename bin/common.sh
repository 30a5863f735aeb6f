# Shared by the bin/ scripts: find the repository, build a module on first use, print its classpath.
# shellcheck shell=bash

TSTORE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# module_classpath MODULE [SCOPE]: builds MODULE (and what it needs) when its sources changed since the last build,
# then prints the module's classpath of SCOPE (default runtime; spark-connector needs 'test' to bring Spark, which
# the module declares 'provided' because a Spark installation brings its own).
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
  echo "$TSTORE_HOME/$module/target/classes:$(cat "$cp_file")"
}

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
