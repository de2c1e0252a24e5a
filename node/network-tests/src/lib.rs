//! The consortium network scenarios live in `tests/network/`: each starts real `yinji-node`
//! processes (four or five of them) on loopback ports and drives them with signed extrinsics.
//! This library is empty; it only gives the tests a package.
