"""A throwaway PostgreSQL cluster for tests: Debian's `initdb`/`pg_ctl` in a temporary folder, on 127.0.0.1.

PostgreSQL refuses to run as root, so under root (CI, the dev machine) the cluster belongs to the
unprivileged `postgres` user the Debian package creates and its commands run through `runuser`.
Without the binaries the tests that need it are skipped, or fail under CI (`scripts/setup.sh`
installs the `postgresql` package).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import skip_unless_ci


def _binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's versioned folder."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_or_skip(check: str) -> Path:
    """The folder of PostgreSQL's server binaries; without them `check` is skipped, or fails under CI."""
    folder = _binaries()
    if folder is None:
        skip_unless_ci("PostgreSQL's initdb/pg_ctl are missing: scripts/setup.sh --browser installs Debian's "
                       "postgresql", check)
    return folder


@contextmanager
def running_postgres(folder: Path):
    """Start a new cluster on 127.0.0.1 (a free port, trust authentication, fsync off) and yield its
    SQLAlchemy URL (psycopg); stop it and remove its folder afterwards."""
    as_user: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="dashboard-test-pg-"))
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres")
    data, port = workdir / "data", _free_port()

    def run(*command: str) -> None:
        done = subprocess.run([*as_user, *command], capture_output=True, text=True, timeout=120, cwd=workdir)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")

    try:
        run(str(folder / "initdb"), "-D", str(data), "-U", "dashboard", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync")
        options = f"-h 127.0.0.1 -p {port} -k {workdir} -F -c max_connections=40"
        run(str(folder / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(workdir / "server.log"),
            "-w", "-t", "60", "start")
        try:
            yield f"postgresql+psycopg://dashboard@127.0.0.1:{port}/postgres"
        finally:
            run(str(folder / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
