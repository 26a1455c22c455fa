from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    base_url: str
    timeout: float = 10.0

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> "Config":
        return cls(base_url=str(data["base_url"]), timeout=float(data.get("timeout", 10.0)))
