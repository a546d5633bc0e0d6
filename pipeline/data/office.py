"""A private LibreOffice for scripts run by the SYSTEM python (the one with the Python-UNO bridge): its own profile,
pipe and process group, connected to over UNO and always killed with its group. Used by ``office_pdf.py`` (the
final report's PDF) and by the tests' LibreOffice driver. Imports nothing of the pipeline: it runs outside it."""
import os
import shutil
import signal
import subprocess
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60
STARTED = []  # the soffice processes of this run, for a watchdog to kill


def props(**values):  # UNO property values
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())


class Office:
    """A private soffice: its own profile (under ``root``), pipe and process group."""

    def __init__(self, root, name="mecigep"):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise RuntimeError("soffice is not on PATH")
        self.log = open(os.path.join(root, "soffice.log"), "wb")
        self.pipe, self.desktop = f"{name}_{uuid.uuid4().hex}", None
        self.proc = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(root, "profile")),
             f"--accept=pipe,name={self.pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        STARTED.append(self.proc)

    def connect(self):  # retried until soffice opens its pipe
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_SECONDS
        while self.desktop is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"soffice exited with {self.proc.returncode} before accepting connections")
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                self.desktop = self.ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
            except NoConnectException:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"soffice did not open its pipe within {CONNECT_SECONDS} s")
                time.sleep(0.2)

    def kill(self):
        """Ends soffice: desktop.terminate() first, then SIGKILL to its process group."""
        try:
            if self.desktop is not None and self.proc.poll() is None:
                self.desktop.terminate()
                self.proc.wait(timeout=15)
        except Exception:
            pass  # the bridge goes away while terminate() returns, or soffice hangs: killed below
        kill_group(self.proc)
        self.proc.wait()
        self.log.close()


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # soffice and any soffice.bin it left: the group started for this run
    except ProcessLookupError:
        pass
