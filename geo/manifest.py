"""The pinned upstream reference files: where each lives, its sha256, size, licence and attribution.

Everything the geo package downloads is listed here and nowhere else. URLs point at fixed commits, so the bytes
never change under us; the hashes were computed from those commits. `manifest_hash()` keys the built artefacts,
so editing this list (a new commit, a new file) forces a rebuild on every machine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

UPSTREAM_BASE = "https://raw.githubusercontent.com"

Role = Literal["license", "provinsi", "kabkota", "population"]


@dataclass(frozen=True)
class Source:
    """One upstream repository at a pinned commit."""

    owner: str
    repo: str
    commit: str
    license: str
    copyright: str
    description: str

    @property
    def home(self) -> str:
        return f"https://github.com/{self.owner}/{self.repo}"


@dataclass(frozen=True)
class RefFile:
    """One file of a Source, with the hash and size it must have."""

    source: Source
    path: str
    sha256: str
    size: int
    role: Role

    @property
    def label(self) -> str:
        """Short unambiguous name for messages: `<repo>/<path>`."""
        return f"{self.source.repo}/{self.path}"

    @property
    def relpath(self) -> str:
        """Where the file sits below a mirror base or the local cache: `<owner>/<repo>/<commit>/<path>`."""
        return f"{self.source.owner}/{self.source.repo}/{self.source.commit}/{self.path}"

    def url(self, base: str = UPSTREAM_BASE) -> str:
        return f"{base.rstrip('/')}/{self.relpath}"

    @property
    def license(self) -> str:
        return f"{self.source.license}, {self.source.copyright}"


BOUNDARY_SOURCE = Source(
    owner="cahyadsn",
    repo="wilayah_boundaries",
    commit="3c5a7960f4d227a38489094d84252bdbb3f978a5",
    license="MIT",
    copyright="© 2024 Cahya DSN",
    description="Batas provinsi (38) dan kabupaten/kota (514), kode Kepmendagri 300.2.2-2138/2025",
)
POPULATION_SOURCE = Source(
    owner="cahyadsn",
    repo="wilayah",
    commit="b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7",
    license="MIT",
    copyright="© 2017-2025 Cahya DSN",
    description="Jumlah penduduk per wilayah (Dukcapil, semester II 2024)",
)

# Province boundaries come in eight files, numbered by group of provinces: key → (sha256, bytes).
_PROVINCE_FILES = {
    "1": ("a1d6d5d419df444298fdb3647ec533770e80f13a673cc44860e5d6c1cd16127d", 291315),
    "2": ("ab881f05e54fa8594d5faeac1ef203c90fc61d8f6c4d1ae16152da8832fe58b7", 785205),
    "3": ("6345c0fbb8be3d246b160ae8e25e1f4fd5c587da401c66e01cbab960130ee487", 206616),
    "4": ("6d32082f68ee0ffb741b0eb98ad4f18ef0f160f37bf4928887253054c73af911", 388865),
    "5": ("fcad3531c4ddce92dc7f4b55a844b57aa21262daaf2a094707c0fd3dd81a5202", 268723),
    "6": ("5f139f7161860c89ce844215bffd4471f49245c9eef297bb8413801c07526cd4", 745493),
    "7": ("ba9717155950a68f32f2f11187e1401584827c46593581d3d2381dfef9a01ad4", 1184420),
    "8": ("600f347431d4083980d9be57f1f46ecebd518091110cf6f922e760054bea343c", 751843),
}
# Kabupaten/kota boundaries come in one file per province: province code → (sha256, bytes).
_KABKOTA_FILES = {
    "11": ("80d05177ed889aded5023ca61e2c5f17201c5a9086691cd6d0fa1fc561f78517", 157191),
    "12": ("79ccf8770f7621e63da4476180e88691ab0e3391c1b43bfc0b9d79a15579917e", 166403),
    "13": ("d80519417de7011a427603cdbf6849419fa024bff66e6f39fba6ae608aed47ba", 152986),
    "14": ("4d2cc88c2c320a394d85f5f022f6f8265dd122c58bdc3a26abd7d082c6acf290", 78668),
    "15": ("f9b73bed0c5b22ebe296957d1c15c2edc9a59537fd6153a3ac5eac7db56c0555", 54864),
    "16": ("b0440a0d9dd44793775e7c3b5539d74614e16d14702812e8dc1857249787881f", 97109),
    "17": ("3e6ef9e5d6fc636777324c0ed3a0a2b0611febea192a791a2f8f1bbf93df6fde", 30215),
    "18": ("e6762284ccc69069899633784adcce9c1ca6bbcf8d75e5e64d9588dbd982dc6e", 165508),
    "19": ("2c2a2ab7db1f0ed2649382f12d97c45873b9339f46d2c591bf27361c8771b10d", 143675),
    "21": ("9704323e6983b9f531d777dc354c2769b652243a86d89f14e712a44d47eeab5f", 567018),
    "31": ("bcf2029d23a6100f65a30e4f14a19cffc96152a266df2b97535e96ecb4ca5f42", 33445),
    "32": ("e2ef61aaeff9c0e3283a085d83490bdf3aaddf2611ba86d2f7eb288e6f04a8b7", 94153),
    "33": ("1d774594f1f5dbcafa9833613335a1e1f095421bf368dd9f3b3959a40b723ba0", 108517),
    "34": ("2dba11f6a41f7f8fd474450892346c0c9e181a5ce79858ffcfd471bad12153d0", 18801),
    "35": ("120a4f01539dafe82117e2b75c36859fb39bac12d9c5e227828127648b10575d", 231913),
    "36": ("9739934ca8f7b979bb403fc81b460265f5755d3ba93bf87f5b65b550e7d06bcc", 57389),
    "51": ("28ba3fe2e88f285f9dd71dfabf8b6486b2c19d10643e390f2aad1625b0523bf9", 27989),
    "52": ("57ea4099b5f795c2f39eb960e7db26416d622b271485c9d9f8c5f6b76a4335d9", 142046),
    "53": ("5cc127d589c069ce8c3521c582ec2e0daffa6f4136825b344ad9b80ab8c748eb", 227300),
    "61": ("1a3f3275268c514e6a87b2d012b816d9d0fccdab28b12a48e89e7ec5822baac0", 165775),
    "62": ("e573717f2bd7df3b1025b7e3ff9113cd1250f345f28d45f60b7b6799c4e5d22f", 92134),
    "63": ("d78816667c30266904b4c0a54e3971785c0631e19270d2a94d641152ff8a50c7", 65494),
    "64": ("790d76b3770671f2515ebec73e2c5bf4847e1f1be78449128dc70aca87379b52", 182922),
    "65": ("3d4c956d0aaaf8287fbbd9cd2ecb5bc71838fb3bd78bc17fc10737a290766bc9", 68051),
    "71": ("2121838028de1e006c01dfc5cafba16c23e41c29fe6928db0a9261ac6608c2b5", 121692),
    "72": ("eed34d4756d84f36a841200b310fe8c98ff4e952f9e4c0ca3936ba68568ead5b", 548976),
    "73": ("f6dea2ba0404e29455056dfd0ed16218f3b4aab8d90552d04a9e48fa2686a285", 179972),
    "74": ("142b04039536a1540bc6394a74c301ca831f9c6a095ac03591a94f6a193d3cf8", 165584),
    "75": ("31e356354ca16c657aa58f9cf2fe324a5632e334a7ec06a290f05d337bd211bf", 51344),
    "76": ("3dd92c5a6ac9c9d21a0f2119c4e0c34f8ac723e0d74fb69c2111cf3fa879d594", 48077),
    "81": ("4be457c4e9379e08d02c4d8e3b7cce68d14a9f0712929f5f823480e50ce36175", 538370),
    "82": ("c644422b0509b60b0467654ff9c10d627a2f2a342c3c04741331dd5179a71d8d", 291515),
    "91": ("5244d42170c1057492b5165c55926408f304975bfb9605abd40e428865578d82", 191865),
    "92": ("c511d1018686bf670ade01354dff3fea7142ed451620e601a98ff4c0d6467f4c", 397371),
    "93": ("902acd25bc8be597443a83666b531a2285b7b679aed17ce586921a23d70b25bf", 42840),
    "94": ("b6149fc1186c51b96990975348655ca6eb25fa7f7781b0d5a40f05995e59ccd2", 100606),
    "95": ("1badbdb85340c7d72aec061d6cb63032eca72f22db539dd9cf6a80e60cb75491", 66555),
    "96": ("ffb8e5e126953ebab8a97875f0a818ae6a0cf09cab13962b007f504e74c0e8b5", 726747),
}


def _build_manifest() -> tuple[RefFile, ...]:
    files = [
        RefFile(BOUNDARY_SOURCE, "LICENSE", "4f1ca94ef4795a12d24c82b92761e80e358d03f37c4024ea8a2b89a787de5b89", 1066,
                "license"),
        RefFile(POPULATION_SOURCE, "LICENSE", "bd2e18e40a01567ce518c9b866041ad212838dd51df3596e0b97425b52e3fdcb", 1071,
                "license"),
        RefFile(POPULATION_SOURCE, "db/wilayah_penduduk.sql",
                "b0b6b9dc70fa6a4fdb9e05bf00ec549ed8f6cf0bb82f6407281dfac674b10447", 34429, "population"),
    ]
    files += [
        RefFile(BOUNDARY_SOURCE, f"db/prov/wilayah_boundaries_prov_{key}.sql", sha, size, "provinsi")
        for key, (sha, size) in _PROVINCE_FILES.items()
    ]
    files += [
        RefFile(BOUNDARY_SOURCE, f"db/kab/wilayah_boundaries_kab_{key}.sql", sha, size, "kabkota")
        for key, (sha, size) in _KABKOTA_FILES.items()
    ]
    return tuple(files)


MANIFEST: tuple[RefFile, ...] = _build_manifest()


def files_with_role(role: Role) -> list[RefFile]:
    return [ref for ref in MANIFEST if ref.role == role]


def manifest_hash() -> str:
    """A digest of every pinned URL and hash; changes whenever the manifest does."""
    digest = hashlib.sha256()
    for ref in sorted(MANIFEST, key=lambda r: r.relpath):
        digest.update(f"{ref.relpath}\0{ref.sha256}\0{ref.size}\n".encode())
    return digest.hexdigest()


def attribution() -> str:
    """The short credit line for the map footer (Bahasa Indonesia)."""
    return (
        "Batas wilayah & jumlah penduduk: Cahya DSN (github.com/cahyadsn/wilayah_boundaries, "
        "github.com/cahyadsn/wilayah), lisensi MIT; kode wilayah Kepmendagri 2025, penduduk Dukcapil semester II 2024."
    )
