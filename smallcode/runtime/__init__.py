"""Model runtimes: the in-process llama.cpp Runtime, the GGUF reader and the model registry."""

from .chat import ChatTemplate
from .gguf import GGUFInfo, read_gguf
from .local import KVCacheType, Runtime, RuntimeInfo
from .registry import DEFAULT_MODEL, MODELS, ModelStatus, all_status, ensure_model, smallcode_home
from .remote import RemoteModel, RetryPolicy

__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "ChatTemplate",
    "GGUFInfo",
    "KVCacheType",
    "ModelStatus",
    "RemoteModel",
    "RetryPolicy",
    "Runtime",
    "RuntimeInfo",
    "all_status",
    "ensure_model",
    "read_gguf",
    "smallcode_home",
]
