"""A function's deployment package and the task root Lambda makes of it: the template's CodeUri is the shaded jar
`mvn package` built, and Lambda's Java runtime unpacks a .jar or .zip package into its task root (/var/task), where
the runtime interface client finds the handler's classes (and any lib/*.jar)."""
import os
import pathlib
import shutil
import tempfile
import zipfile

from lambda_local import InvokeError


def code_uri(properties, template_dir):
    """The function's deployment package: its CodeUri, relative to the template's folder."""
    uri = properties.get("CodeUri")
    if not isinstance(uri, str):
        raise InvokeError(f"CodeUri {uri!r} is not a local path")
    return (pathlib.Path(template_dir) / uri).resolve()


def task_root(package, cache_dir):
    """The folder the function runs in: a folder package as it is; a .jar or .zip package unpacked, as Lambda does,
    into cache_dir once per version of the package (a newer package is unpacked again, beside the older)."""
    package = pathlib.Path(package)
    if package.is_dir():
        return package
    if not package.is_file():
        raise InvokeError(f"{package} (the deployment package) is missing: run mvn package -DskipTests")
    stat = package.stat()
    root = pathlib.Path(cache_dir) / f"{package.stem}-{stat.st_mtime_ns}-{stat.st_size}"
    if root.is_dir():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    for older in root.parent.glob(f"{package.stem}-*"):
        shutil.rmtree(older, ignore_errors=True)
    unpacking = pathlib.Path(tempfile.mkdtemp(prefix=f".{package.stem}-", dir=root.parent))
    try:
        with zipfile.ZipFile(package) as archive:
            archive.extractall(unpacking)
    except (OSError, zipfile.BadZipFile) as error:
        shutil.rmtree(unpacking, ignore_errors=True)
        raise InvokeError(f"cannot unpack {package}: {error}")
    try:
        os.rename(unpacking, root)
    except OSError:  # unpacked meanwhile by another run: theirs is the same
        shutil.rmtree(unpacking, ignore_errors=True)
    return root
