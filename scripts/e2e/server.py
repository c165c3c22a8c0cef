"""Runs the built server on a fresh SQLite demo database on a free loopback port, for the length of a `with`."""
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, root, log_path, startup_timeout=240, env=None):
        self.binary = binary
        self.extra_env = env or {}
        self.root = root  # the repository (the server finds its stylesheet beside its binary, whatever the directory)
        self.log_path = log_path
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.tmp = tempfile.TemporaryDirectory(prefix="nastavnik-e2e-")
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")
        self.start()
        return self

    def start(self):
        """Starts the server on this object's database (a second start finds it loaded)."""
        env = dict(os.environ, SQLITE_PATH=os.path.join(self.tmp.name, "e2e.sqlite"), HOST="127.0.0.1", PORT=str(self.port), LOG_LEVEL="warning")
        env.pop("DATABASE_URL", None)
        env.update(self.extra_env)
        self.process = subprocess.Popen([self.binary, "serve"],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.root, start_new_session=True)
        started = time.time()
        while time.time() - started < self.startup_timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as r:
                    if r.status == 200:
                        self.startup_seconds = time.time() - started
                        return
            except OSError:
                pass
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError(f"no /health after {self.startup_timeout} s; see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self):
        """Stops the server and starts it again on the same database and port."""
        self.stop()
        self.start()

    def __exit__(self, *exc):
        self.stop()
        self.log.close()
        self.tmp.cleanup()
        return False
