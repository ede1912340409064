"""The JDK the functions are built and run with: 21 or newer (the template's runtime is java21 and the build compiles
with release 21). The same search as scripts/lib/java.sh: JAVA_HOME when it is one, else `java` on PATH when it is
one, else the newest JDK 21+ under /usr/lib/jvm."""
import functools
import glob
import os
import re
import shutil
import subprocess

from . import InvokeError

MINIMUM = 21
_SPECIFICATION = re.compile(r"^\s*java\.specification\.version = (\d+)", re.MULTILINE)


def feature_version(java):
    """The feature release of a `java` binary (21, 25), or None when it does not run."""
    try:
        result = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True,
                                timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = _SPECIFICATION.search(result.stderr + result.stdout)
    return int(match.group(1)) if match else None


def _candidates():
    if os.environ.get("JAVA_HOME"):
        yield os.environ["JAVA_HOME"]
    on_path = shutil.which("java")
    if on_path:
        yield os.path.dirname(os.path.dirname(os.path.realpath(on_path)))
    for home in sorted(glob.glob("/usr/lib/jvm/*/"), reverse=True,
                       key=lambda h: [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", h)]):
        yield home.rstrip("/")


@functools.lru_cache(maxsize=None)
def java21_home():
    """The home of a JDK 21+; raises InvokeError naming what to install when there is none."""
    for home in _candidates():
        java = os.path.join(home, "bin", "java")
        if os.access(java, os.X_OK) and os.access(os.path.join(home, "bin", "javac"), os.X_OK):
            version = feature_version(java)
            if version is not None and version >= MINIMUM:
                return home
    raise InvokeError("no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm/*): install one, e.g. "
                      "'apt-get install openjdk-21-jdk-headless' or Temurin 21+, and set JAVA_HOME to it")


def use_java21():
    """Puts the JDK 21+ first for this process and what it starts (Maven, the functions' JVMs); answers its home."""
    home = java21_home()
    os.environ["JAVA_HOME"] = home
    os.environ["PATH"] = os.path.join(home, "bin") + os.pathsep + os.environ.get("PATH", "")
    return home
