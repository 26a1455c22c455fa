"""Model runtimes: the in-process llama.cpp Runtime, the GGUF reader and the model registry."""

from .chat import ChatTemplate
from .convert import WeightType, convert_weights
from .decode import DecodeStats
from .gguf import GGUFInfo, read_gguf
from .kvcache import PrefixState
from .local import KVCacheType, Runtime, RuntimeInfo
from .registry import DEFAULT_MODEL, MODELS, ModelStatus, all_status, ensure_model, smallcode_home
from .remote import RemoteModel, RetryPolicy
from .speculative import AdaptiveController, DraftModel, PromptLookup, Speculation

__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "AdaptiveController",
    "ChatTemplate",
    "DecodeStats",
    "DraftModel",
    "GGUFInfo",
    "KVCacheType",
    "ModelStatus",
    "PrefixState",
    "PromptLookup",
    "RemoteModel",
    "RetryPolicy",
    "Runtime",
    "RuntimeInfo",
    "Speculation",
    "WeightType",
    "all_status",
    "convert_weights",
    "ensure_model",
    "read_gguf",
    "smallcode_home",
]
