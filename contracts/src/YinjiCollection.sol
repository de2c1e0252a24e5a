// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title YinjiCollection
/// @notice EVM mirror of one consortium collection: items exported from the consortium chain
/// are minted here by the bridge, and go back by their holder calling `requestImport`.
///
/// - The token id is the consortium item id of the mirrored collection (one deployment per
///   consortium collection, so royalty and name follow that collection).
/// - `tokenURI` is `ipfs://<metadataCid>`, the CID the consortium chain recorded for the item.
/// - Royalties (ERC-2981) use one default royalty, set once in the constructor: `royaltyBps`
///   out of 10000, the same basis points as the consortium collection's resale royalty.
/// - Only holders take a token out of circulation: the bridge can mint but never burn or move
///   an existing token, so a leaked bridge key cannot destroy what people hold here.
contract YinjiCollection is ERC721, ERC2981, AccessControl {
    /// @notice Role of the relayer that mints exported items.
    bytes32 public constant BRIDGE_ROLE = keccak256("BRIDGE_ROLE");

    /// @dev Metadata CID of each live token; cleared when the token is burned.
    mapping(uint256 tokenId => string) private _metadataCids;

    /// @notice Consortium exports already minted, by the export number the consortium chain
    /// gave them. Each export is minted once, so a relayer that restarts, or two relayers, can
    /// never mint one export twice, even after the token was burned to go home.
    mapping(uint64 exportId => bool) public exportMinted;

    /// @notice The holder burned `tokenId` here to receive the item at `consortiumAccount`
    /// (an AccountId32) on the consortium chain. The relayer watches this event.
    event ImportRequested(uint256 indexed tokenId, address indexed owner, bytes32 consortiumAccount);

    /// @notice Consortium export `exportId` was minted as `tokenId` with this metadata CID.
    event Exported(uint256 indexed tokenId, address indexed to, uint64 exportId, string metadataCid);

    /// @notice A constructor address (admin or bridge) was zero.
    error ZeroAddress();
    /// @notice `mint` was given an empty metadata CID.
    error EmptyMetadataCid();
    /// @notice `requestImport` was given a zero consortium account.
    error ZeroConsortiumAccount();
    /// @notice This consortium export was minted already.
    error ExportAlreadyMinted(uint64 exportId);

    constructor(
        string memory name_,
        string memory symbol_,
        address admin,
        address bridge,
        address royaltyReceiver,
        uint96 royaltyBps
    ) ERC721(name_, symbol_) {
        if (admin == address(0) || bridge == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(BRIDGE_ROLE, bridge);
        // Reverts with ERC2981InvalidDefaultRoyalty above 10000 and
        // ERC2981InvalidDefaultRoyaltyReceiver for a zero receiver.
        _setDefaultRoyalty(royaltyReceiver, royaltyBps);
    }

    /// @notice Mint consortium export `exportId` of item `tokenId`. Reverts with
    /// ExportAlreadyMinted for an export minted before, and with ERC721InvalidSender if `tokenId`
    /// is live already. A token burned by `requestImport` is minted again under the item's next
    /// export. Plain `_mint`: recipients are not called back, so an export never fails because
    /// of the receiving contract.
    function mint(address to, uint256 tokenId, string calldata metadataCid, uint64 exportId)
        external
        onlyRole(BRIDGE_ROLE)
    {
        if (exportMinted[exportId]) revert ExportAlreadyMinted(exportId);
        if (bytes(metadataCid).length == 0) revert EmptyMetadataCid();
        exportMinted[exportId] = true;
        _mint(to, tokenId);
        _metadataCids[tokenId] = metadataCid;
        emit Exported(tokenId, to, exportId, metadataCid);
    }

    /// @notice Send the item back to the consortium chain: burns `tokenId` and emits
    /// `ImportRequested`. Only the holder itself may call this (not an approved operator, who
    /// could otherwise pull the item to an account of its choosing).
    function requestImport(uint256 tokenId, bytes32 consortiumAccount) external {
        if (consortiumAccount == bytes32(0)) revert ZeroConsortiumAccount();
        address owner = _requireOwned(tokenId);
        if (owner != _msgSender()) revert ERC721IncorrectOwner(_msgSender(), tokenId, owner);
        _burn(tokenId);
        delete _metadataCids[tokenId];
        emit ImportRequested(tokenId, owner, consortiumAccount);
    }

    /// @notice `ipfs://<metadataCid>` of a live token; reverts with ERC721NonexistentToken
    /// otherwise.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return string.concat("ipfs://", _metadataCids[tokenId]);
    }

    /// @notice ERC-165 for ERC-721 (+ metadata), ERC-2981 and AccessControl.
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, ERC2981, AccessControl)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }
}
