from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    base_url: str
    timeout: float = 10.0
    retry_limit: int = 3

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> "Config":
        return cls(
            base_url=str(data["base_url"]),
            timeout=float(data.get("timeout", 10.0)),  # type: ignore[arg-type]
            retry_limit=int(data.get("retry_limit", 3)),  # type: ignore[call-overload]
        )
