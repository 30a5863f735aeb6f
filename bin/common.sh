# Shared by the bin/ scripts: find the repository, build a module on first use, print its classpath.
# shellcheck shell=bash

TSTORE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# module_classpath MODULE: builds MODULE (and what it needs) when its sources changed since the last build,
# then prints the module's runtime classpath.
module_classpath() {
  local module="$1"
  local cp_file="$TSTORE_HOME/$module/target/runtime-classpath.txt"
  if [ ! -f "$cp_file" ] || [ -n "$(find "$TSTORE_HOME" -path "$TSTORE_HOME/*/target" -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$cp_file" -print -quit)" ]; then
    echo "Building $module (first use or sources changed)..." >&2
    (cd "$TSTORE_HOME" && ./mvnw -B -q -ntp -pl "$module" -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime) >&2 \
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
