// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title YinjiCheckpoints
/// @notice Checkpoints of the consortium chain (block number, block hash, state root), each
/// accepted only with signatures from at least `threshold` distinct consortium member keys.
///
/// Signed message: EIP-712 typed data.
///
///   domain = EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)
///            with name = "YinjiCheckpoints", version = "1", chainId = block.chainid,
///            verifyingContract = address(this)
///   domainSeparator = keccak256(abi.encode(
///            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
///            keccak256("YinjiCheckpoints"), keccak256("1"), block.chainid, address(this)))
///   structHash = keccak256(abi.encode(
///            keccak256("Checkpoint(uint64 blockNumber,bytes32 blockHash,bytes32 stateRoot)"),
///            blockNumber, blockHash, stateRoot))        // each value one 32-byte word
///   digest = keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash)   // 66 bytes hashed
///
/// Each signature is 65 bytes r ‖ s ‖ v over `digest` itself (no further prefix), v in {27, 28},
/// s in the lower half of the curve order (OpenZeppelin ECDSA rejects the rest). The chain id
/// and this contract's address are in the domain, so a signature is valid for one deployment on
/// one chain only; `checkpointDigest` returns the digest for a relayer to compare against.
///
/// `signatures` must be ordered by strictly increasing signer address, which rules out
/// duplicates without storage. Every signature must come from a registered signer.
/// A block number must be strictly above the latest checkpoint, which rejects both a replay of
/// an accepted checkpoint and a regression. Block 0 (genesis) is never checkpointed.
contract YinjiCheckpoints is EIP712 {
    /// @notice keccak256 of the EIP-712 type string of a checkpoint.
    bytes32 public constant CHECKPOINT_TYPEHASH =
        keccak256("Checkpoint(uint64 blockNumber,bytes32 blockHash,bytes32 stateRoot)");

    struct Checkpoint {
        bytes32 blockHash;
        bytes32 stateRoot;
    }

    /// @notice Signatures needed to accept a checkpoint.
    uint256 public immutable threshold;

    /// @notice Whether an address is a registered consortium signer.
    mapping(address signer => bool) public isSigner;

    address[] private _signers;
    uint64 private _latest;
    mapping(uint64 blockNumber => Checkpoint) private _checkpoints;

    /// @notice A checkpoint was accepted.
    event Checkpointed(uint64 indexed blockNumber, bytes32 blockHash, bytes32 stateRoot);

    /// @notice The threshold is zero or above the number of signers.
    error InvalidThreshold(uint256 threshold, uint256 signers);
    /// @notice A signer passed to the constructor is the zero address.
    error ZeroSigner();
    /// @notice A signer was passed to the constructor twice.
    error DuplicateSigner(address signer);
    /// @notice The submitted block number is not above the latest checkpoint.
    error NotAboveLatest(uint64 latest);
    /// @notice A zero block hash was submitted (zero marks "no checkpoint").
    error ZeroBlockHash();
    /// @notice Fewer valid signatures than the threshold.
    error TooFewSignatures(uint256 valid, uint256 needed);
    /// @notice A signature recovered to an address that is not a registered signer.
    error UnknownSigner(address signer);
    /// @notice Signatures are not ordered by strictly increasing signer address.
    error SignersNotIncreasing();
    /// @notice No checkpoint was stored for this block number.
    error NotCheckpointed(uint64 blockNumber);

    constructor(address[] memory signers_, uint256 threshold_) EIP712("YinjiCheckpoints", "1") {
        if (threshold_ == 0 || threshold_ > signers_.length) {
            revert InvalidThreshold(threshold_, signers_.length);
        }
        for (uint256 i = 0; i < signers_.length; ++i) {
            address signer = signers_[i];
            if (signer == address(0)) revert ZeroSigner();
            if (isSigner[signer]) revert DuplicateSigner(signer);
            isSigner[signer] = true;
        }
        _signers = signers_;
        threshold = threshold_;
    }

    /// @notice Accept the checkpoint (`blockNumber`, `blockHash`, `stateRoot`) with at least
    /// `threshold` signatures over `checkpointDigest(...)`, ordered by signer address.
    function submit(uint64 blockNumber, bytes32 blockHash, bytes32 stateRoot, bytes[] calldata signatures)
        external
    {
        if (blockNumber <= _latest) revert NotAboveLatest(_latest);
        if (blockHash == bytes32(0)) revert ZeroBlockHash();

        bytes32 digest = checkpointDigest(blockNumber, blockHash, stateRoot);
        address previous = address(0);
        for (uint256 i = 0; i < signatures.length; ++i) {
            // Reverts with ECDSAInvalidSignature / ECDSAInvalidSignatureLength /
            // ECDSAInvalidSignatureS on a malformed signature.
            address signer = ECDSA.recover(digest, signatures[i]);
            if (signer <= previous) revert SignersNotIncreasing();
            if (!isSigner[signer]) revert UnknownSigner(signer);
            previous = signer;
        }
        if (signatures.length < threshold) revert TooFewSignatures(signatures.length, threshold);

        _latest = blockNumber;
        _checkpoints[blockNumber] = Checkpoint(blockHash, stateRoot);
        emit Checkpointed(blockNumber, blockHash, stateRoot);
    }

    /// @notice The EIP-712 digest the signers sign for a checkpoint on this deployment.
    function checkpointDigest(uint64 blockNumber, bytes32 blockHash, bytes32 stateRoot)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(CHECKPOINT_TYPEHASH, blockNumber, blockHash, stateRoot)));
    }

    /// @notice The latest checkpoint; all zero before the first one.
    function latest() external view returns (uint64 blockNumber, bytes32 blockHash, bytes32 stateRoot) {
        Checkpoint storage c = _checkpoints[_latest];
        return (_latest, c.blockHash, c.stateRoot);
    }

    /// @notice Block hash and state root checkpointed for `blockNumber`; reverts with
    /// `NotCheckpointed` for a number that was never checkpointed.
    function checkpoint(uint64 blockNumber) external view returns (bytes32 blockHash, bytes32 stateRoot) {
        Checkpoint storage c = _checkpoints[blockNumber];
        if (c.blockHash == bytes32(0)) revert NotCheckpointed(blockNumber);
        return (c.blockHash, c.stateRoot);
    }

    /// @notice The registered signers, in constructor order.
    function signers() external view returns (address[] memory) {
        return _signers;
    }
}
