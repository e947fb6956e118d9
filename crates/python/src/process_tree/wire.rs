//! The bytes of a message between a process and the keeper: numbers little-endian, byte strings
//! after their length. Both ends may be different WebAssembly instances, so nothing but bytes.

/// Writes fields one after another.
#[derive(Default)]
pub(crate) struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// A message that starts with its kind.
    pub fn tagged(tag: u8) -> Writer {
        Writer { bytes: vec![tag] }
    }

    pub fn byte(mut self, byte: u8) -> Writer {
        self.bytes.push(byte);
        self
    }

    pub fn u32(mut self, number: u32) -> Writer {
        self.bytes.extend_from_slice(&number.to_le_bytes());
        self
    }

    pub fn i32(self, number: i32) -> Writer {
        self.u32(number as u32)
    }

    pub fn u64(mut self, number: u64) -> Writer {
        self.bytes.extend_from_slice(&number.to_le_bytes());
        self
    }

    pub fn f64(self, number: f64) -> Writer {
        self.u64(number.to_bits())
    }

    pub fn bytes(mut self, bytes: &[u8]) -> Writer {
        self = self.u32(bytes.len() as u32);
        self.bytes.extend_from_slice(bytes);
        self
    }

    pub fn text(self, text: &str) -> Writer {
        self.bytes(text.as_bytes())
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads back what a [`Writer`] wrote; `None` once the bytes run short.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < count {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Some(taken)
    }

    pub fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|bytes| bytes[0])
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    pub fn i32(&mut self) -> Option<i32> {
        self.u32().map(|number| number as i32)
    }

    pub fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }

    pub fn f64(&mut self) -> Option<f64> {
        self.u64().map(f64::from_bits)
    }

    pub fn bytes(&mut self) -> Option<Vec<u8>> {
        let length = self.u32()? as usize;
        self.take(length).map(<[u8]>::to_vec)
    }

    pub fn text(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?).ok()
    }

    /// Whether every byte was read (a message with bytes left over is not one).
    pub fn at_end(&self) -> bool {
        self.bytes.is_empty()
    }
}
