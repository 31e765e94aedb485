//! Content ids for stored photos: the same bytes give the same id on every machine, forever.

/// FNV-1a 128-bit offset basis (Fowler, Noll, Vo; draft-eastlake-fnv).
const FNV128_OFFSET_BASIS: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;

/// FNV-1a 128-bit prime, 2^88 + 2^8 + 0x3b.
const FNV128_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// A stable id for a stored photo's bytes: their **FNV-1a 128-bit** hash.
///
/// The algorithm is part of the file format and must never change: start from the offset basis
/// `0x6c62272e07bb014262b821756295c58d`; for each byte, XOR it into the low bits, then multiply
/// by the prime `0x0000000001000000000000000000013b` modulo 2^128. Two cards with the same photo
/// share one id, so a board stores the photo once.
///
/// FNV is not a cryptographic hash: someone who wants to can craft two different photos with the
/// same id. Use it to find identical photos, not to prove a photo was not swapped.
pub fn content_id(bytes: &[u8]) -> u128 {
    bytes.iter().fold(FNV128_OFFSET_BASIS, |hash, byte| {
        (hash ^ u128::from(*byte)).wrapping_mul(FNV128_PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_fnv1a_128_test_vectors() {
        // From the FNV reference test suite (test_fnv.c, draft-eastlake-fnv).
        assert_eq!(content_id(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(content_id(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
        assert_eq!(content_id(b"b"), 0xd228_cb69_721a_8caf_7891_2b70_4e4a_8d15);
        assert_eq!(
            content_id(b"foobar"),
            0x343e_1662_793c_64bf_6f0d_3597_ba44_6f18
        );
    }

    #[test]
    fn pinned_value_for_binary_bytes() {
        // Computed once with an independent big-integer implementation of FNV-1a 128 (Python);
        // pins byte order and the handling of bytes above 0x7f.
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(content_id(&bytes), PINNED_ALL_BYTES);
    }

    const PINNED_ALL_BYTES: u128 = 0x8097_249a_fae7_c216_86b0_7bd6_fa33_708d;

    #[test]
    fn every_byte_matters() {
        let photo = b"\x89PNG\r\n\x1a\n and so on";
        let base = content_id(photo);
        for index in 0..photo.len() {
            let mut changed = photo.to_vec();
            changed[index] ^= 0x01;
            assert_ne!(content_id(&changed), base, "byte {index}");
        }
        assert_ne!(content_id(&photo[1..]), base);
    }
}
